import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BenchOptions } from './options';
import { processCpuSeconds } from './cpu';
import { startShopServer, type ChildServer } from './server-process';
import { visitWhile, type CrowdStats, type SlowMode, type VisitorFigures } from './slow-clients';
import { startCrowdProcess } from './slow-crowd-process';

/**
 * Slow clients against the real server (issue 9, finding 11): 10,000 connections dribbling their headers (a line
 * every 5 s) or their bodies (a byte every 5 s), reopened as soon as the server drops them, while a fresh visitor
 * fetches a catalog page every 100 ms on a connection of its own. The server runs with its default limits and the
 * 278-product demo catalog; the figures say whether fresh visitors are still served, and how fast.
 */

export interface SlowCaseRow {
  label: string;
  mode: SlowMode | null;
  /** Slow connections the generator tries to keep open. */
  wanted: number;
  /** Slow connections open while visitors were measured: the fewest and the mean of the samples. */
  openMin: number;
  openMean: number;
  opened: number;
  cut: number;
  cutSilently: number;
  failed: number;
  visitors: VisitorFigures;
  /** CPU time of the server process and of the slow clients' process, % of one core. */
  serverCpuPct: number;
  crowdCpuPct: number;
  /** Resident memory of the server at the end of the case, MiB. */
  serverRssMiB: number;
}

export interface SlowClientFigures {
  page: string;
  cases: SlowCaseRow[];
  /** Open-file limits (soft) of the benchmark process and of the server; null where unknown. */
  descriptorLimits: { generator: number | null; server: number | null };
  sourceAddresses: number;
  sendEveryMs: number;
  visitEveryMs: number;
  caseSec: number;
  notes: string[];
}

/** The page fresh visitors fetch: the first page of the catalog, as the home page asks for it. */
const PAGE = '/api/v1/products?page=1&pageSize=24';
const SEND_EVERY_MS = 5_000;
const VISIT_EVERY_MS = 100;
const VISIT_TIMEOUT_MS = 5_000;
const SOURCE_ADDRESSES = Array.from({ length: 20 }, (_, i) => `127.0.0.${10 + i}`);

export async function benchSlowClients(
  options: BenchOptions,
  workDir: string,
  log: (line: string) => void,
): Promise<SlowClientFigures> {
  const dataDir = path.join(workDir, 'slow-clients');
  fs.mkdirSync(dataDir, { recursive: true });
  const server = await startShopServer(
    'slow clients',
    { databaseUrl: `sqlite:${path.join(dataDir, 'shop.sqlite')}`, dataDir },
    options.nodeEnv,
    { SEED: 'demo' },
  );
  const { connections, caseSec } = options.slowClients;
  const figures: SlowClientFigures = {
    page: PAGE,
    cases: [],
    descriptorLimits: { generator: openFileLimit('self'), server: openFileLimit(server.pid) },
    sourceAddresses: SOURCE_ADDRESSES.length,
    sendEveryMs: SEND_EVERY_MS,
    visitEveryMs: VISIT_EVERY_MS,
    caseSec,
    notes: [],
  };
  const limits = figures.descriptorLimits;
  if (limits.generator !== null && limits.generator < connections + 1_000)
    figures.notes.push(
      `The benchmark's open-file limit (${limits.generator}) is below ${connections} slow connections: ` +
        'raise `ulimit -n` (the hard limit) before running it.',
    );
  try {
    await visitWhile(server.url, PAGE, { everyMs: 50, durationMs: 2_000, timeoutMs: VISIT_TIMEOUT_MS });
    figures.cases.push(await measureCase(server, null, 0, Math.min(10, caseSec), log));
    for (const mode of ['headers', 'bodies'] as const) {
      figures.cases.push(await measureCase(server, mode, connections, caseSec, log));
      // Let the server drop what is left of them before the next case.
      await sleep(2_000);
    }
  } finally {
    await server.stop();
  }
  return figures;
}

const caseLabels: Record<SlowMode, string> = {
  headers: 'dribbling headers (a line every 5 s)',
  bodies: 'dribbling sign-in bodies (a byte every 5 s)',
};

async function measureCase(
  server: ChildServer,
  mode: SlowMode | null,
  connections: number,
  seconds: number,
  log: (line: string) => void,
): Promise<SlowCaseRow> {
  const label = mode ? caseLabels[mode] : 'no slow clients';
  const crowd = mode
    ? startCrowdProcess({
        url: server.url,
        mode,
        connections,
        sendEveryMs: SEND_EVERY_MS,
        sourceAddresses: SOURCE_ADDRESSES,
      })
    : null;
  const none: CrowdStats = { open: 0, opened: 0, cut: 0, cutSilently: 0, failed: 0 };
  try {
    const rampStarted = performance.now();
    const before = crowd ? await crowd.ready : none;
    if (crowd)
      log(
        `slow clients, ${label}: ${before.open.toLocaleString('en-US')} open after ` +
          `${((performance.now() - rampStarted) / 1000).toFixed(1)} s`,
      );
    const openSamples: Promise<number>[] = [];
    const serverCpu = server.cpuSeconds();
    const crowdCpu = processCpuSeconds(crowd?.pid);
    const wall = performance.now();
    const visitors = await visitWhile(server.url, PAGE, {
      everyMs: VISIT_EVERY_MS,
      durationMs: seconds * 1000,
      timeoutMs: VISIT_TIMEOUT_MS,
      sample: () => openSamples.push(crowd ? crowd.stats().then((stats) => stats.open) : Promise.resolve(0)),
    });
    const elapsedSec = (performance.now() - wall) / 1000;
    const after = crowd ? await crowd.stats() : none;
    const open = await Promise.all(openSamples);
    const row: SlowCaseRow = {
      label,
      mode,
      wanted: connections,
      openMin: Math.min(...open),
      openMean: open.reduce((a, b) => a + b, 0) / open.length,
      opened: after.opened - before.opened,
      cut: after.cut - before.cut,
      cutSilently: after.cutSilently - before.cutSilently,
      failed: after.failed - before.failed,
      visitors,
      serverCpuPct: ((server.cpuSeconds() - serverCpu) / elapsedSec) * 100,
      crowdCpuPct: crowd ? ((processCpuSeconds(crowd.pid) - crowdCpu) / elapsedSec) * 100 : 0,
      serverRssMiB: residentMiB(server.pid),
    };
    log(
      `slow clients, ${label}: ${visitors.answered}/${visitors.sent} visitors answered, ` +
        `${Math.round(row.openMean).toLocaleString('en-US')} slow connections open on average`,
    );
    return row;
  } finally {
    await crowd?.stop();
  }
}

function openFileLimit(pid: number | 'self' | undefined): number | null {
  try {
    const line = /^Max open files\s+(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/limits`, 'utf8'));
    return line ? Number(line[1]) : null;
  } catch {
    return null;
  }
}

function residentMiB(pid: number | undefined): number {
  try {
    const line = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return line ? Number(line[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}
