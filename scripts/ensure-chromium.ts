import { execSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const onPath = (cmd: string) => spawnSync("sh", ["-c", `command -v ${cmd}`]).status === 0;

/**
 * What the tests need from Debian: Chromium for the browser tests (browser downloads do not work
 * here) and poppler-utils (pdftotext, pdfinfo) to read the exported PDFs. Installs what is missing
 * with apt-get when we are root; otherwise says exactly what to do.
 */
export function ensureTestTools(): void {
  const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  const missing = [...(existsSync(chromium) ? [] : ["chromium"]), ...(onPath("pdftotext") && onPath("pdfinfo") ? [] : ["poppler-utils"])];
  if (missing.length === 0) return;
  if (process.getuid?.() === 0) {
    console.log(`Installing Debian's ${missing.join(" and ")} for the tests…`);
    execSync(`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing.join(" ")}`, { stdio: "inherit" });
    if (existsSync(chromium) && onPath("pdftotext")) return;
  }
  console.error(`Missing: ${missing.join(", ")}. Install Debian's packages (apt-get install ${missing.join(" ")})${missing.includes("chromium") ? " or set CHROMIUM_PATH" : ""}.`);
  process.exit(1);
}
