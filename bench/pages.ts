// Page loads under load: 20 signed-in clients read the portfolio, a contract overview and its Burn
// tab for 30 s against `npm start` (its own embedded database and port, started here; or
// BENCH_PAGES_URL for a server already running). Every figure the pages show is read from the stored
// forecast of record, so this measures reading, not computing. Two runs:
// - "users": each client reads a page for a moment before it opens the next (a pause drawn
//   uniformly between half and one and a half times BENCH_PAGES_THINK_MS, 1,000 ms by default: a
//   brisker reader than any person), so 20 clients are 20 people clicking about once a second;
//   the 150 ms p95 target applies to this run.
// - "back to back": each client opens the next page as soon as the last one arrived, which
//   measures how many pages one instance serves per second at most (no target: with 20 clients
//   and no pause, a page's time is the queue in front of it).
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { timing, type BenchReport, type BenchSection } from "@/bench/harness";
import { SignedInClient } from "@/bench/signed-in-client";

const CLIENTS = Number(process.env.BENCH_PAGES_CLIENTS ?? 20);
const SECONDS = Number(process.env.BENCH_PAGES_SECONDS ?? 30);
const THINK_MS = Number(process.env.BENCH_PAGES_THINK_MS ?? 1000);
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

/** `clients` read `urls` in turn for SECONDS, pausing about `thinkMs` between pages. */
async function load<K extends string>(clients: SignedInClient[], urls: Record<K, string>, order: K[], thinkMs: number) {
  const samples = Object.fromEntries(order.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  const errors: string[] = [];
  const end = performance.now() + SECONDS * 1000;
  await Promise.all(
    clients.map(async (client, c) => {
      // the readers start spread over one pause, not all in the same millisecond
      if (thinkMs > 0) await new Promise((r) => setTimeout(r, (thinkMs * c) / clients.length));
      for (let i = c; performance.now() < end; i++) {
        const name = order[i % order.length]!;
        const t0 = performance.now();
        try {
          await page(client, urls[name]);
          samples[name].push(performance.now() - t0);
        } catch (e) {
          errors.push(`${name}: ${e instanceof Error ? e.message : String(e)}`);
        }
        if (thinkMs > 0) await new Promise((r) => setTimeout(r, thinkMs * (0.5 + Math.random())));
      }
    }),
  );
  const all = timing(Object.values<number[]>(samples).flat());
  return {
    runs: all.runs,
    errors,
    figures(run: string, target?: number) {
      const goal = target === undefined ? {} : { target };
      return [
        { label: `${run}: all pages p50`, value: all.medianMs, unit: "ms" },
        { label: `${run}: all pages p95`, value: all.p95Ms, unit: "ms", ...goal },
        { label: `${run}: all pages max`, value: all.maxMs, unit: "ms" },
        ...order.flatMap((name) => {
          const s = timing(samples[name]);
          return [
            { label: `${run}: ${name} p50`, value: s.medianMs, unit: "ms" },
            { label: `${run}: ${name} p95`, value: s.p95Ms, unit: "ms", ...goal },
          ];
        }),
        { label: `${run}: pages per second`, value: all.runs / SECONDS, unit: "req/s" },
        { label: `${run}: errors`, value: errors.length, unit: "requests", target: 0 },
      ];
    },
  };
}

export const pagesBench: BenchSection = {
  name: "pages",
  description: `${CLIENTS} signed-in clients reading the portfolio, a contract overview and its Burn tab for ${SECONDS} s against npm start, pausing about ${THINK_MS} ms between pages, then ${SECONDS} s back to back`,
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

      const order = Object.keys(urls) as Array<keyof typeof urls>;
      const users = await load(clients, urls, order, THINK_MS);
      const backToBack = await load(clients, urls, order, 0);
      const figures = [
        ...users.figures("users", TARGET_P95_MS),
        ...backToBack.figures("back to back"),
      ];
      return {
        section: "pages",
        figures,
        notes: [
          `users: ${users.runs} page loads by ${CLIENTS} clients in ${SECONDS} s, each pausing ${THINK_MS / 2}–${(THINK_MS * 3) / 2} ms between pages; back to back: ${backToBack.runs} page loads with no pause; against ${base}`,
          ...users.errors.slice(0, 5),
          ...backToBack.errors.slice(0, 5),
        ],
      };
    } finally {
      server.stop();
    }
  },
};
