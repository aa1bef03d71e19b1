import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { processCpuSeconds } from './cpu';
import { httpGet } from './http-client';
import { bareServerEntry, builtServerMain, serverDir, serverMain } from './paths';

/** A server running as a child process, so the load generator in this process does not share its event loop. */
export interface ChildServer {
  label: string;
  url: string;
  pid: number | undefined;
  /** The last lines the child wrote, for error messages. */
  output(): string;
  /** CPU time the child has used so far (user + system, all its threads), in seconds; NaN where unknown. */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

const running = new Set<ChildServer>();

/** A shop server's start: from spawn to its first answer, and its resident memory then and when stopped. */
export interface StartupRow {
  label: string;
  /** `built`: server/dist/main.js under plain Node, as production runs; `tsx`: the sources compiled at start. */
  entry: 'built' | 'tsx';
  startupMs: number;
  rssAfterStartBytes: number;
  rssAtStopBytes: number;
}
const startups: StartupRow[] = [];
/** Every shop server started so far in this run, in order. */
export const shopServerStartups = (): readonly StartupRow[] => startups;

/** A process's resident memory from /proc (Linux), NaN where that cannot be read. */
function residentBytes(pid: number | undefined): number {
  try {
    const kib = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kib ? Number(kib) * 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** Stops every server still running (on an interrupted or failed run). */
export async function stopAllServers(): Promise<void> {
  await Promise.all([...running].map((server) => server.stop()));
}

export type NodeEnv = 'production' | 'development' | 'test';

export interface ShopServerTarget {
  databaseUrl: string;
  dataDir: string;
}

/**
 * Settings production insists on for services the catalog routes never call (payments): placeholders, unless the
 * environment of the benchmark provides real ones.
 */
const productionPlaceholders = {
  BAKONG_API_URL: 'https://bakong.invalid',
  BAKONG_TOKEN: 'benchmark-placeholder',
};

/**
 * The real shop server (src/main.ts) on a prepared database, configured as in production by default; `env` adds
 * to or overrides the benchmark's settings (the web shop's benchmark: SEED=demo and its own WEBSHOP_DIR).
 */
export function startShopServer(
  label: string,
  target: ShopServerTarget,
  nodeEnv: NodeEnv = 'production',
  env: Record<string, string> = {},
): Promise<ChildServer> {
  // Production runs the bundle `npm start` builds; development and test modes run the sources, as `npm run dev` does.
  const entry = nodeEnv === 'production' ? 'built' : 'tsx';
  if (entry === 'built' && !fs.existsSync(builtServerMain))
    throw new Error(`${builtServerMain} is missing: the benchmark builds it first (server/build.ts)`);
  return startChild(
    label,
    entry === 'built' ? [builtServerMain] : ['--import', 'tsx', serverMain],
    '/api/v1/health',
    {
      ...(nodeEnv === 'production' ? productionPlaceholders : {}),
      ...process.env,
      NODE_ENV: nodeEnv,
      SEED: 'none',
      LOG_LEVEL: 'warn',
      DATABASE_URL: target.databaseUrl,
      DATA_DIR: target.dataDir,
      ...env,
    },
    entry,
  );
}

/** Express 5 with one route answering a fixed catalog-sized JSON: the ceiling for the shop's routes. */
export function startBareServer(): Promise<ChildServer> {
  return startChild('bare Express', ['--import', 'tsx', bareServerEntry], '/bare', { ...process.env });
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function startChild(
  label: string,
  args: string[],
  readyPath: string,
  env: NodeJS.ProcessEnv,
  /** A shop server's entry, recorded with its start-up figures; none for the bare ceiling. */
  shopEntry?: StartupRow['entry'],
): Promise<ChildServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // BENCH_CPU_PROF=<dir>: each server writes a CPU profile there when it stops (Node refuses --cpu-prof in NODE_OPTIONS).
  const profile = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF]
    : [];
  const spawnedAt = performance.now();
  let startup: StartupRow | undefined;
  const child = spawn(process.execPath, [...profile, ...args], {
    cwd: serverDir,
    env: { ...env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - 30));
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const server: ChildServer = {
    label,
    url,
    pid: child.pid,
    output: () => lines.join('\n'),
    cpuSeconds: () => processCpuSeconds(child.pid),
    stop: async () => {
      if (startup) startup.rssAtStopBytes = residentBytes(child.pid);
      await stopChild(child, exited);
      running.delete(server);
    },
  };
  running.add(server);
  try {
    await waitUntilReady(child, `${url}${readyPath}`);
  } catch (error) {
    await server.stop();
    throw new Error(`${label} did not start: ${(error as Error).message}\n${server.output()}`);
  }
  if (shopEntry) {
    const rss = residentBytes(child.pid);
    startup = {
      label,
      entry: shopEntry,
      startupMs: performance.now() - spawnedAt,
      rssAfterStartBytes: rss,
      rssAtStopBytes: NaN,
    };
    startups.push(startup);
  }
  return server;
}

async function waitUntilReady(child: ChildProcess, url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`exited with ${child.exitCode ?? child.signalCode}`);
    try {
      if ((await httpGet(url, { timeoutMs: 2_000 })).status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`no answer from ${url} within ${timeoutMs / 1000} s`);
}

/** SIGTERM, then SIGKILL if it is still busy (a backlog of queued requests is of no interest to us). */
async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const stopped = await Promise.race([exited.then(() => true), sleep(2_000).then(() => false)]);
  if (!stopped) {
    child.kill('SIGKILL');
    await exited;
  }
}
