// `npm run soak`: two app instances behind nginx (deploy/nginx.conf) on one PostgreSQL, 20 signed-in
// users reading and writing for a bounded time, one instance killed (SIGKILL) and restarted halfway.
// Afterwards the database is checked: every write the app acknowledged is stored exactly once.
// Loopback only; a fresh database soak_<pid> is created and dropped at the end.
//
//   SOAK_SECONDS=60 npm run soak
//
// Environment: SOAK_SECONDS (default 300), SOAK_USERS (20), SOAK_ADMIN_URL (a PostgreSQL URL that
// may create databases, default postgres://postgres@127.0.0.1:5432/postgres), SOAK_PORTS
// ("3310,3311,3312": the two instances, then nginx).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { SignedInClient } from "@/bench/signed-in-client";

const root = process.cwd();
const seconds = Number(process.env.SOAK_SECONDS ?? 300);
const userCount = Number(process.env.SOAK_USERS ?? 20);
const adminUrl = process.env.SOAK_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const [portA, portB, portNginx] = (process.env.SOAK_PORTS ?? "3310,3311,3312").split(",").map(Number) as [number, number, number];
const dbName = `soak_${process.pid}`;
const dbUrl = (() => {
  const u = new URL(adminUrl);
  u.pathname = `/${dbName}`;
  return u.toString();
})();
const base = `http://127.0.0.1:${portNginx}`;
const PASSWORD = "soak-password-1234";
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
const work = path.join(root, ".data", `soak-${process.pid}`);

const log = (msg: string) => console.log(`[soak ${new Date().toISOString().slice(11, 19)}] ${msg}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------- processes

const children = new Set<ChildProcess>();

function startInstance(port: number, authSecret: string): ChildProcess {
  const child = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NODE_ENV: "production", DATABASE_URL: dbUrl, NEXTAUTH_SECRET: authSecret, NEXTAUTH_URL: base, DATABASE_POOL_SIZE: "10", TRUST_PROXY: "1" },
  });
  children.add(child);
  child.on("exit", () => children.delete(child));
  return child;
}

async function waitHealthy(url: string, timeoutMs = 60_000): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    try {
      const r = await fetch(`${url}/api/health`);
      if (r.ok) return Date.now() - started;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`${url} did not become healthy in ${timeoutMs / 1000} s`);
}

function startNginx(): ChildProcess {
  mkdirSync(work, { recursive: true });
  const conf = readFileSync(path.join(root, "deploy", "nginx.conf"), "utf8")
    .replaceAll("127.0.0.1:3310", `127.0.0.1:${portA}`)
    .replaceAll("127.0.0.1:3311", `127.0.0.1:${portB}`)
    .replaceAll("127.0.0.1:3312", `127.0.0.1:${portNginx}`);
  const confPath = path.join(work, "nginx.conf");
  writeFileSync(confPath, conf);
  // As root nginx's workers would switch to nobody, who cannot write the temporary folders here.
  const user = process.getuid?.() === 0 ? " user root;" : "";
  const child = spawn("nginx", ["-p", work, "-c", confPath, "-g", `daemon off;${user}`], { stdio: ["ignore", "inherit", "inherit"] });
  children.add(child);
  child.on("exit", () => children.delete(child));
  return child;
}

async function stopAll() {
  for (const c of children) c.kill("SIGTERM");
  const deadline = Date.now() + 5000;
  while (children.size > 0 && Date.now() < deadline) await sleep(100);
  for (const c of children) c.kill("SIGKILL");
}

// ---------------------------------------------------------------- HTTP as a signed-in browser

interface Sample {
  kind: "read" | "write";
  at: number;
  ms: number;
  status: number; // 0: no answer (connection error)
  ok: boolean;
}

function createVendorActionId(): string {
  const manifest = JSON.parse(readFileSync(path.join(root, ".next", "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName?: string; filename?: string }>;
  };
  const found = Object.entries(manifest.node).find(([, v]) => v.exportedName === "createVendorAction" && v.filename === "app/w/[workspaceId]/actions.ts");
  if (!found) throw new Error("createVendorAction is not in the build's server reference manifest");
  return found[0];
}

// ---------------------------------------------------------------- the run

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0);

async function main() {
  if (!existsSync(path.join(root, ".next", "BUILD_ID"))) {
    log("building the app…");
    const r = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
    if (r.status !== 0) throw new Error("next build failed");
  }
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${dbName}`);
  log(`database ${dbName} created`);
  let db: ReturnType<typeof postgres> | null = null;
  try {
    process.env.DATABASE_URL = dbUrl;
    process.env.BCRYPT_COST ??= "6";
    const { prepareDb } = await import("./prepare-db");
    const { authSecret } = await prepareDb({ seed: false });

    // users and their workspaces, written directly (sign-up is not what is soaked)
    const { openDb } = await import("@/lib/db/client");
    const { createConfirmedUser } = await import("@/lib/services/users/sign-up");
    const { createWorkspace } = await import("@/lib/services/workspaces/create");
    const handle = await openDb({ url: dbUrl });
    const users: { email: string; workspaceId: string }[] = [];
    for (let i = 0; i < userCount; i++) {
      const email = `soak-${i}@example.test`;
      const user = await createConfirmedUser(handle.db, { name: `Soak ${i}`, email, password: PASSWORD });
      const ws = await createWorkspace({ db: handle.db, actor: user }, { name: `Soak workspace ${i}` });
      users.push({ email, workspaceId: ws.id });
    }
    await handle.close();

    const instances = [startInstance(portA, authSecret), startInstance(portB, authSecret)];
    await Promise.all([waitHealthy(`http://127.0.0.1:${portA}`), waitHealthy(`http://127.0.0.1:${portB}`)]);
    startNginx();
    await waitHealthy(base);
    log(`instances on ${portA} and ${portB}, nginx on ${portNginx}; ${userCount} users for ${seconds} s`);

    const actionId = createVendorActionId();
    const { encodeReply } = (await import("next/dist/compiled/react-server-dom-webpack/client.node.js" as string)) as { encodeReply: (v: unknown) => Promise<string | FormData> };
    const samples: Sample[] = [];
    const acknowledged = new Map<string, string>(); // vendor name → workspace id
    const unanswered = new Set<string>(); // writes whose answer never came (the instance died under them)
    const failures: string[] = []; // the first few failed answers, as they came
    const started = Date.now();
    const deadline = started + seconds * 1000;

    async function runUser(i: number) {
      const u = users[i]!;
      const browser = new SignedInClient(base, u.email, PASSWORD);
      await browser.signIn();
      let seq = 0;
      while (Date.now() < deadline) {
        const write = Math.random() < 0.3;
        const t0 = Date.now();
        let status = 0;
        let ok = false;
        if (write) {
          const name = `soak-${i}-${seq++}`;
          const form = new FormData();
          form.set("name", name);
          form.set("product", "Soak");
          form.set("notes", "");
          try {
            const res = await browser.fetch(`/w/${u.workspaceId}/vendors`, {
              method: "POST",
              headers: { origin: base, "next-action": actionId, accept: "text/x-component" },
              body: await encodeReply([u.workspaceId, null, form]),
            });
            status = res.status;
            const text = await res.text();
            ok = status === 200 && text.includes('"ok":true');
            if (ok) acknowledged.set(name, u.workspaceId);
            else {
              unanswered.add(name);
              if (failures.length < 5) failures.push(`write ${name} at ${((t0 - started) / 1000).toFixed(1)} s: ${status} ${text.slice(0, 160).replace(/\s+/g, " ")}`);
            }
          } catch (e) {
            unanswered.add(name);
            if (failures.length < 5) failures.push(`write ${name} at ${((t0 - started) / 1000).toFixed(1)} s: no answer (${(e as Error).message})`);
          }
        } else {
          const page = Math.random() < 0.5 ? `/w/${u.workspaceId}/vendors` : `/w/${u.workspaceId}`;
          try {
            const res = await browser.fetch(page);
            status = res.status;
            const text = await res.text();
            ok = status === 200 && text.includes("Soak workspace");
            if (!ok && failures.length < 5) failures.push(`read ${page} at ${((t0 - started) / 1000).toFixed(1)} s: ${status} ${text.slice(0, 160).replace(/\s+/g, " ")}`);
          } catch (e) {
            if (failures.length < 5) failures.push(`read ${page} at ${((t0 - started) / 1000).toFixed(1)} s: no answer (${(e as Error).message})`);
          }
        }
        samples.push({ kind: write ? "write" : "read", at: t0 - started, ms: Date.now() - t0, status, ok });
        await sleep(50 + Math.random() * 200);
      }
    }

    async function crashAndRestart() {
      await sleep((seconds * 1000) / 2);
      const victim = instances[0]!;
      const at = Date.now() - started;
      victim.kill("SIGKILL");
      log(`killed the instance on ${portA} (SIGKILL) at ${(at / 1000).toFixed(1)} s`);
      await new Promise((r) => victim.once("exit", r));
      instances[0] = startInstance(portA, authSecret);
      const ms = await waitHealthy(`http://127.0.0.1:${portA}`);
      log(`restarted it: healthy after ${ms} ms`);
      return { at, restartMs: ms };
    }

    const [crash] = await Promise.all([crashAndRestart(), ...users.map((_, i) => runUser(i))]);
    log("load stopped; checking the database");

    db = postgres(dbUrl, { max: 1, onnotice: () => {} });
    const rows = await db<{ name: string; workspace_id: string; n: number }[]>`
      select name, workspace_id, count(*)::int as n from vendors where name like 'soak-%' group by name, workspace_id`;
    const stored = new Map(rows.map((r) => [r.name, r]));
    const lost = [...acknowledged].filter(([name, ws]) => stored.get(name)?.workspace_id !== ws);
    const doubled = rows.filter((r) => r.n > 1);
    const strays = rows.filter((r) => !acknowledged.has(r.name) && !unanswered.has(r.name));
    const unansweredStored = [...unanswered].filter((n) => stored.has(n)).length;

    // report
    const report = (kind: Sample["kind"]) => {
      const all = samples.filter((s) => s.kind === kind);
      const ms = all.map((s) => s.ms).sort((a, b) => a - b);
      const failed = all.filter((s) => !s.ok);
      const byStatus = new Map<number, number>();
      for (const f of failed) byStatus.set(f.status, (byStatus.get(f.status) ?? 0) + 1);
      const statuses = [...byStatus].map(([s, n]) => `${s === 0 ? "no answer" : s}: ${n}`).join(", ");
      return `${kind.padEnd(5)} ${String(all.length).padStart(6)} requests  p50 ${percentile(ms, 50)} ms  p95 ${percentile(ms, 95)} ms  max ${ms.at(-1) ?? 0} ms  failed ${failed.length}${statuses ? ` (${statuses})` : ""}`;
    };
    // the longest time during which requests kept failing: from a failure to the next success
    const ordered = [...samples].sort((a, b) => a.at - b.at);
    let longest = 0;
    let since: number | null = null;
    for (const s of ordered) {
      if (!s.ok && since === null) since = s.at;
      if (s.ok && since !== null) {
        longest = Math.max(longest, s.at - since);
        since = null;
      }
    }
    console.log("");
    console.log(`soak: ${userCount} users, ${seconds} s, instance on ${portA} killed at ${(crash.at / 1000).toFixed(1)} s and healthy again ${crash.restartMs} ms later`);
    console.log(`  ${report("read")}`);
    console.log(`  ${report("write")}`);
    console.log(`  longest run of failing requests: ${longest} ms`);
    const perSecond = new Map<number, number>();
    for (const f of ordered) if (!f.ok) perSecond.set(Math.floor(f.at / 1000), (perSecond.get(Math.floor(f.at / 1000)) ?? 0) + 1);
    if (perSecond.size) console.log(`  failures by second of the run: ${[...perSecond].map(([sec, n]) => `${sec}s:${n}`).join(" ")}`);
    const nginxLog = path.join(work, "nginx-error.log");
    if (existsSync(nginxLog)) {
      const lines = readFileSync(nginxLog, "utf8").trim().split("\n").filter(Boolean);
      const kinds = new Map<string, number>();
      for (const l of lines) {
        const k = (/\] \d+#\d+: \*?\d* ?(.*?) while/.exec(l)?.[1] ?? l.slice(20, 100)).replace(/\(\d+: /, "(");
        kinds.set(k, (kinds.get(k) ?? 0) + 1);
      }
      for (const [k, n] of kinds) console.log(`  nginx: ${n} × ${k}`);
    }
    console.log(`  writes acknowledged ${acknowledged.size}, stored ${rows.length}; lost ${lost.length}, doubled ${doubled.length}, stored but never acknowledged ${unansweredStored} of ${unanswered.size} cut off, unknown rows ${strays.length}`);
    for (const f of failures) console.log(`  failed: ${f}`);
    for (const [name] of lost.slice(0, 10)) console.log(`  LOST ${name}`);
    for (const r of doubled.slice(0, 10)) console.log(`  DOUBLED ${r.name} ×${r.n}`);
    process.exitCode = lost.length || doubled.length || strays.length ? 1 : 0;
  } finally {
    await stopAll();
    await db?.end();
    await admin.unsafe(`drop database if exists ${dbName} with (force)`).catch((e: unknown) => console.error(`could not drop ${dbName}:`, e));
    await admin.end();
    rmSync(work, { recursive: true, force: true });
    log(`database ${dbName} dropped`);
  }
}

for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, () => {
    void stopAll().then(() => process.exit(130));
  });
}

main().catch(async (e: unknown) => {
  console.error(e);
  await stopAll();
  process.exit(1);
});
