// Page loads under load: 20 signed-in clients read the portfolio, a contract overview and its Burn
// tab, as fast as the server answers, for 30 s against `npm start` (its own embedded database and
// port, started here; or BENCH_PAGES_URL for a server already running). Every figure the pages show
// is read from the stored forecast of record, so this measures reading, not computing.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { timing, type BenchReport, type BenchSection } from "@/bench/harness";
import { SignedInClient } from "@/bench/signed-in-client";

const CLIENTS = Number(process.env.BENCH_PAGES_CLIENTS ?? 20);
const SECONDS = Number(process.env.BENCH_PAGES_SECONDS ?? 30);
const TARGET_P95_MS = 150;
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

async function waitFor(url: string, seconds: number): Promise<void> {
  const until = Date.now() + seconds * 1000;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`${url} did not answer within ${seconds} s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function startServer(): Promise<{ base: string; stop: () => void }> {
  const port = Number(process.env.BENCH_PAGES_PORT ?? 3070);
  const dir = path.join(process.cwd(), ".data", `bench-pages-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const base = `http://localhost:${port}`;
  const child: ChildProcess = spawn(process.execPath, [path.join("node_modules", "tsx", "dist", "cli.mjs"), "scripts/start.ts"], {
    env: { ...process.env, PORT: String(port), PGLITE_DIR: path.join(dir, "pglite"), DATABASE_URL: "", NEXTAUTH_URL: base, BCRYPT_COST: "8", NODE_ENV: "production" },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const stop = () => {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      // already gone
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(`${base}/api/health`, 600);
  } catch (e) {
    stop();
    throw e;
  }
  return { base, stop };
}

/** A page's HTML, failing on any status but 200. */
async function page(client: SignedInClient, url: string): Promise<string> {
  const res = await client.fetch(url);
  const body = await res.text();
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  return body;
}

export const pagesBench: BenchSection = {
  name: "pages",
  description: `${CLIENTS} signed-in clients reading the portfolio, a contract overview and its Burn tab for ${SECONDS} s against npm start`,
  async run(): Promise<BenchReport> {
    const given = process.env.BENCH_PAGES_URL;
    const server = given ? { base: given.replace(/\/$/, ""), stop: () => {} } : await startServer();
    try {
      const { base } = server;
      const clients: SignedInClient[] = [];
      for (let i = 0; i < CLIENTS; i++) {
        const client = new SignedInClient(base, process.env.BENCH_PAGES_EMAIL ?? "demo@example.com", process.env.BENCH_PAGES_PASSWORD ?? "demo-password");
        await client.signIn();
        clients.push(client);
      }
      const home = await page(clients[0]!, "/w");
      const ws = new RegExp(`/w/(${UUID})`).exec(home)?.[1];
      if (!ws) throw new Error("the signed-in home page links no workspace");
      const list = await page(clients[0]!, `/w/${ws}/contracts`);
      const contract = new RegExp(`/w/${ws}/contracts/(${UUID})"`).exec(list)?.[1];
      if (!contract) throw new Error("the workspace has no contract to read");
      const urls = { portfolio: `/w/${ws}`, overview: `/w/${ws}/contracts/${contract}`, burn: `/w/${ws}/contracts/${contract}/burn` };
      // The forecast of record is computed by a job after start; read pages once it is stored.
      const ready = Date.now() + 120_000;
      while (!(await page(clients[0]!, urls.overview)).includes('data-testid="forecast-run-out-date"')) {
        if (Date.now() > ready) throw new Error("the demo contract's forecast of record was not computed within 120 s");
        await new Promise((r) => setTimeout(r, 1000));
      }
      for (const url of Object.values(urls)) for (const client of clients.slice(0, 3)) await page(client, url); // warm-up

      const samples: Record<keyof typeof urls, number[]> = { portfolio: [], overview: [], burn: [] };
      const errors: string[] = [];
      const end = performance.now() + SECONDS * 1000;
      const order = Object.keys(urls) as Array<keyof typeof urls>;
      await Promise.all(
        clients.map(async (client, c) => {
          for (let i = c; performance.now() < end; i++) {
            const name = order[i % order.length]!;
            const t0 = performance.now();
            try {
              await page(client, urls[name]);
              samples[name].push(performance.now() - t0);
            } catch (e) {
              errors.push(`${name}: ${e instanceof Error ? e.message : String(e)}`);
            }
          }
        }),
      );
      const all = timing(Object.values(samples).flat());
      const figures = [
        { label: "all pages p50", value: all.medianMs, unit: "ms" },
        { label: "all pages p95", value: all.p95Ms, unit: "ms", target: TARGET_P95_MS },
        { label: "all pages max", value: all.maxMs, unit: "ms" },
        ...order.flatMap((name) => {
          const t = timing(samples[name]);
          return [
            { label: `${name} p50`, value: t.medianMs, unit: "ms" },
            { label: `${name} p95`, value: t.p95Ms, unit: "ms", target: TARGET_P95_MS },
          ];
        }),
        { label: "requests per second", value: all.runs / SECONDS, unit: "req/s" },
        { label: "errors", value: errors.length, unit: "requests", target: 0 },
      ];
      return { section: "pages", figures, notes: [`${all.runs} page loads by ${CLIENTS} clients in ${SECONDS} s against ${base}`, ...errors.slice(0, 5)] };
    } finally {
      server.stop();
    }
  },
};
