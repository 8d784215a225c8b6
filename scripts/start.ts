// `npm start`: build when there is no up-to-date build, migrate and seed the database, then serve.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { DEMO_LOGIN, DEMO_WORKSPACE } from "@/lib/db/seed";
import { pgliteDir } from "@/lib/db/client";
import { prepareDb } from "./prepare-db";

const root = process.cwd();
const port = Number(process.env.PORT ?? 3000);
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

function newestSourceMtime(): number {
  let newest = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  for (const d of ["app", "components", "lib"]) if (existsSync(path.join(root, d))) walk(path.join(root, d));
  for (const f of ["next.config.js", "proxy.ts", "instrumentation.ts", "package-lock.json"]) if (existsSync(f)) newest = Math.max(newest, statSync(f).mtimeMs);
  return newest;
}

const buildId = path.join(root, ".next", "BUILD_ID");
if (!existsSync(buildId) || statSync(buildId).mtimeMs < newestSourceMtime()) {
  console.log("Building the app (first start or sources changed)…");
  const r = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const { driver, authSecret } = await prepareDb({ seed: process.env.SEED_DEMO !== "false" });
const url = process.env.NEXTAUTH_URL ?? `http://localhost:${port}`;

// A 32 MB young generation (semi-space; node's default tops out at 16 MB): an engine evaluation
// builds a few MB of results that stay alive for the whole call, which with the default is copied
// by every scavenge on its way to old space. With 32 MB one scenario (36 months × 200 units) takes
// about half the time and a Monte Carlo peaks lower. An old generation that grows by 20% between
// full collections (V8 picks up to ×4 for a small heap): dead evaluations are collected sooner,
// so that the Monte Carlo peaks about 30 MB lower and fewer dead old objects keep young ones alive
// through scavenges (docs/engine-speed.md; npm run bench uses the same flags).
export const SERVER_NODE_FLAGS = ["--max-semi-space-size=32", "--heap-growing-percent=20"];

const server = spawn(process.execPath, [...SERVER_NODE_FLAGS, nextBin, "start", "-p", String(port)], {
  stdio: ["ignore", "inherit", "inherit"],
  env: { ...process.env, NODE_ENV: "production", NEXTAUTH_SECRET: authSecret, NEXTAUTH_URL: url },
});

console.log(
  [
    "",
    `  Renewal Workbench is starting at ${url}`,
    `  Database: ${driver === "pglite" ? `embedded PostgreSQL (PGlite) in ${path.relative(root, pgliteDir())}` : "PostgreSQL (DATABASE_URL)"}`,
    `  Demo login: ${DEMO_LOGIN.email} / ${DEMO_LOGIN.password}  (workspace "${DEMO_WORKSPACE}")`,
    "",
  ].join("\n"),
);

for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => server.kill(sig));
server.on("exit", (code) => process.exit(code ?? 0));
