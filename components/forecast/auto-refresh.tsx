"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * While something is being computed off the request (a forecast, a comparison), re-reads the page
 * every few seconds so the stored result appears when it is there. Stops after `maxTries`.
 */
export function AutoRefresh({ active, everyMs = 2000, maxTries = 90 }: { active: boolean; everyMs?: number; maxTries?: number }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    let n = 0;
    const t = setInterval(() => {
      n += 1;
      if (n > maxTries) clearInterval(t);
      else router.refresh();
    }, everyMs);
    return () => clearInterval(t);
  }, [active, everyMs, maxTries, router]);
  return null;
}
