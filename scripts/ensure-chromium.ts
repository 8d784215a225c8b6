import { execSync } from "node:child_process";
import { existsSync } from "node:fs";

/**
 * The browser tests use Debian's Chromium (browser downloads do not work here). Installs it with
 * apt-get when it is missing and we are root; otherwise says exactly what to do.
 */
export function ensureChromium(): void {
  const path = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (existsSync(path)) return;
  if (process.getuid?.() === 0) {
    console.log("Chromium is missing: installing Debian's chromium package…");
    execSync("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium", { stdio: "inherit" });
    if (existsSync(path)) return;
  }
  console.error(`Chromium was not found at ${path}. Install Debian's package (apt-get install chromium) or set CHROMIUM_PATH.`);
  process.exit(1);
}
