"use client";
import { RouteError } from "@/components/ui/route-error";

export default function Error({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <RouteError error={error} reset={reset} what="this brief" />;
}
