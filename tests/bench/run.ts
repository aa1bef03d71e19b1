import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as prettier from 'prettier';
import { benchBackup } from './bench-backup';
import { benchFirstPull } from './bench-first-pull';
import { benchMixed, type MixedTarget } from './bench-mixed';
import { benchOrders, type OrdersTarget } from './bench-orders';
import { benchPos } from './bench-pos';
import { benchReports, sqliteReportTarget, type ReportTarget } from './bench-reports';
import { benchRetention, sqliteRetentionTarget, type RetentionTarget } from './bench-retention';
import { benchPush, type PushTarget } from './bench-push';
import { benchShop, describeLoad } from './bench-shop';
import { benchStuffing } from './bench-stuffing';
import { benchSlowClients } from './bench-slow-clients';
import { benchWeb } from './bench-web';
import { openDatabase } from '../../server/src/db/database';
import { runLoad } from './load';
import { machineInfo, monitorLoadAverage } from './machine';
import { findDatabaseServerPid, processCpuSeconds } from './cpu';
import { createScratchMysql, type ScratchMysql } from './mysql';
import { parseOptions, usage, type BenchOptions } from './options';
import { growMysql } from './prepare-mysql';
import { prepareSqliteDatabases, sizeLabel, type PreparedDatabase } from './prepare-sqlite';
import { searchCornerLines, searchCornersBefore } from './search-corners';
import { renderMarkdown, renderText, type BenchReport, type LoadRow } from './report';
import { warmUp } from './sequential';
import { killSeeding, runSeedCli } from './seed';
import { shopServerStartups, startBareServer, stopAllServers } from './server-process';
import { buildServer } from '../../server/build';

/**
 * `npm run bench`: prepares SQLite (and MariaDB when reachable) catalogs of 1,000 and 100,000 products, runs the
 * real server on each as a child process, measures it against a bare Express route with autocannon, and writes
 * docs/benchmarks.md. Then order placement on both dialects: throughput, and a race of many orders for a few units.
 * Then the web shop in headless Chromium: bytes of the home page, time to its product grid, Lighthouse. Then
 * credential stuffing against sign-in: how many wrong passwords reach the hash, and how owners fare meanwhile.
 * Prints figures; never asserts them, except that the race must end with exactly its stock in orders (a bug
 * otherwise: printed loudly, exit status 1).
 */

const log = (line: string) => console.log(`[bench] ${line}`);

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(usage);
    return;
  }
  const options = parseOptions(args);
  const started = performance.now();
  const startedAt = new Date();
  const loadMonitor = monitorLoadAverage();
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shop-bench-'));
  const scratches: ScratchMysql[] = [];
  const cleanUp = async () => {
    killSeeding();
    await stopAllServers();
    for (const scratch of scratches.splice(0))
      await scratch
        .drop()
        .catch((error: unknown) => console.error(`could not drop ${scratch.database}:`, error));
    fs.rmSync(workDir, { recursive: true, force: true });
  };
  const newScratch = async () => {
    const scratch = await createScratchMysql(options.mysqlUrl);
    scratches.push(scratch);
    return scratch;
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\n[bench] ${signal}: stopping servers and cleaning up`);
      void cleanUp().finally(() => process.exit(130));
    });
  }

  try {
    const report: BenchReport = {
      startedAt,
      elapsedSec: 0,
      loadAverage: { min: 0, mean: 0, max: 0 },
      options,
      machine: machineInfo(),
      mysql: { skipped: options.mysql ? 'not needed by the parts measured' : '--no-mysql' },
      seeds: [],
      load: [],
      latency: [],
      notes: [],
      orders: { setup: [], load: [], races: [], notes: [] },
      web: null,
      stuffing: null,
      slowClients: null,
      firstPull: null,
      mixed: null,
      pushTenK: null,
      pos: null,
      reports: null,
      retention: null,
      backup: null,
      startups: [],
    };
    log(`${report.machine.cpuModel} × ${report.machine.cpuCount}, Node ${report.machine.node}`);
    // Production-mode servers run the bundle `npm start` runs (issue 16, item 7).
    const buildStarted = performance.now();
    await buildServer();
    log(`server built into server/dist/main.js in ${Math.round(performance.now() - buildStarted)} ms`);

    // The catalog and orders run on prepared databases; the web shop seeds its own demo catalog.
    const serverParts = options.parts.catalog || options.parts.orders || options.parts.mixed;
    const sqlite = serverParts
      ? await prepareSqliteDatabases(options.cacheDir ?? workDir, options.sizes, log)
      : [];
    report.seeds.push(
      ...sqlite.map((db) => ({
        target: db.label,
        products: db.products,
        preparation: db.preparation,
        seconds: db.seedSeconds,
      })),
    );
    let mysqlReachable = false;
    if (options.mysql && serverParts) {
      try {
        const probe = await newScratch();
        report.mysql = { version: probe.version };
        mysqlReachable = true;
        log(`MariaDB ${probe.version}: scratch database ${probe.database}`);
      } catch (error) {
        report.mysql = {
          skipped: `not reachable at ${redact(options.mysqlUrl)}: ${(error as Error).message}`,
        };
        log(`MariaDB ${report.mysql.skipped}`);
      }
    }

    const bareConnections = [
      ...(options.parts.orders ? options.orders.connections : []),
      ...(options.parts.catalog ? options.connections : []),
    ];
    if (bareConnections.length)
      report.load.push(
        ...(await benchBare(
          options,
          [...new Set(bareConnections)].sort((a, b) => a - b),
        )),
      );
    if (options.parts.catalog) {
      for (const db of sqlite) {
        collect(report, await benchShop(db, options, log));
        await benchSearchCorners(db, report);
      }
      if (mysqlReachable) await benchMysql(scratches[0]!, options, path.join(workDir, 'mysql'), report);
    }
    if (options.parts.orders) {
      const scratch = mysqlReachable ? (options.parts.catalog ? await newScratch() : scratches[0]!) : null;
      await benchAllOrders(sqlite, scratch, options, workDir, report);
    }
    if (options.parts.mixed) {
      const scratch = mysqlReachable
        ? options.parts.catalog || options.parts.orders
          ? await newScratch()
          : scratches[0]!
        : null;
      report.mixed = await benchAllMixed(sqlite, scratch, options, workDir);
    }
    if (options.parts.web) report.web = await benchWeb(options, workDir, log);
    if (options.parts.stuffing) report.stuffing = await benchStuffing(options, workDir, log);
    if (options.parts['slow-clients']) report.slowClients = await benchSlowClients(options, workDir, log);
    if (options.parts['first-pull'])
      report.firstPull = await benchAllFirstPulls(
        options,
        workDir,
        report,
        options.mysql ? newScratch : null,
      );
    if (options.parts['push-10k'])
      report.pushTenK = await benchAllPushes(options, workDir, report, options.mysql ? newScratch : null);
    if (options.parts.pos)
      report.pos = await benchPos(options.quick ? 10_000 : 100_000, options.quick ? 50 : 200);
    if (options.parts.reports)
      report.reports = await benchAllReports(options, workDir, report, options.mysql ? newScratch : null);
    if (options.parts.retention)
      report.retention = await benchAllRetention(options, workDir, report, options.mysql ? newScratch : null);
    if (options.parts.backup)
      report.backup = await benchBackup(
        workDir,
        options.quick ? { products: 10_000, lines: 100_000 } : { products: 100_000, lines: 1_000_000 },
        log,
      );

    report.elapsedSec = (performance.now() - started) / 1000;
    report.startups = [...shopServerStartups()];
    report.loadAverage = loadMonitor.stop();
    console.log(`\n${renderText(report)}\n`);
    if (options.reportFile) {
      // Formatted as the repository's `prettier --check .` expects (aligned tables).
      const previous = fs.existsSync(options.reportFile) ? fs.readFileSync(options.reportFile, 'utf8') : null;
      const markdown = await prettier.format(renderMarkdown(report, previous), {
        ...(await prettier.resolveConfig(options.reportFile)),
        filepath: options.reportFile,
      });
      fs.writeFileSync(options.reportFile, markdown);
      log(`written to ${options.reportFile}`);
    }
  } finally {
    await cleanUp();
  }
}

/**
 * A new counter's first pull, on SQLite (the cached or prepared catalog, copied) and on a MariaDB database of its
 * own grown to the same size when MariaDB is reachable.
 */
async function benchAllFirstPulls(
  options: BenchOptions,
  workDir: string,
  report: BenchReport,
  newScratch: (() => Promise<ScratchMysql>) | null,
) {
  const products = options.quick ? 1_000 : 100_000;
  const sizes = [...new Set([1_000, products])];
  const sqlite = await prepareSqliteDatabases(options.cacheDir ?? workDir, sizes, log);
  const targets = sqlite.filter((db) => db.products === products);
  if (newScratch) {
    try {
      const scratch = await newScratch();
      report.mysql = { version: scratch.version };
      let from = 0;
      for (const size of sizes) {
        const grown = await growMysql(scratch, path.join(workDir, 'first-pull-mysql'), size, from, {
          budgetSec: options.mysql100k ? Number.POSITIVE_INFINITY : options.mysqlSeedBudgetSec,
          log,
        });
        report.seeds.push(grown.seed);
        if (!grown.db) break;
        from = size;
        if (size === products) targets.push(grown.db);
      }
    } catch (error) {
      report.mysql = { skipped: `not reachable at ${redact(options.mysqlUrl)}: ${(error as Error).message}` };
      log(`first pull: MariaDB ${report.mysql.skipped}`);
    }
  }
  return benchFirstPull(targets, { nodeEnv: options.nodeEnv, workDir }, log);
}

/**
 * A counter's queue pushed, on a fresh SQLite database and on a MariaDB database of its own when MariaDB is
 * reachable (both seeded with the demo catalog by the server at its start).
 */
async function benchAllPushes(
  options: BenchOptions,
  workDir: string,
  report: BenchReport,
  newScratch: (() => Promise<ScratchMysql>) | null,
) {
  const dir = path.join(workDir, 'push-sqlite');
  const targets: PushTarget[] = [
    { label: 'SQLite', dataDir: dir, databaseUrl: `sqlite:${path.join(dir, 'shop.sqlite')}` },
  ];
  if (newScratch) {
    try {
      const scratch = await newScratch();
      if (!('version' in report.mysql)) report.mysql = { version: scratch.version };
      targets.push({ label: 'MariaDB', dataDir: path.join(workDir, 'push-mysql'), databaseUrl: scratch.url });
    } catch (error) {
      report.mysql = { skipped: `not reachable at ${redact(options.mysqlUrl)}: ${(error as Error).message}` };
      log(`push-10k: MariaDB ${report.mysql.skipped}`);
    }
  }
  return benchPush(targets, { nodeEnv: options.nodeEnv, sales: options.quick ? 1_000 : 10_000 }, log);
}

/** Sales report latency on SQLite and, when reachable, on a MariaDB database of its own. */
async function benchAllReports(
  options: BenchOptions,
  workDir: string,
  report: BenchReport,
  newScratch: (() => Promise<ScratchMysql>) | null,
) {
  const targets: ReportTarget[] = [sqliteReportTarget(path.join(workDir, 'reports-sqlite'))];
  if (newScratch) {
    try {
      const scratch = await newScratch();
      if (!('version' in report.mysql)) report.mysql = { version: scratch.version };
      targets.push({ label: 'MariaDB', databaseUrl: scratch.url });
    } catch (error) {
      report.mysql = { skipped: `not reachable at ${redact(options.mysqlUrl)}: ${(error as Error).message}` };
      log(`reports: MariaDB ${report.mysql.skipped}`);
    }
  }
  return benchReports(
    targets,
    { lines: options.quick ? 100_000 : 1_000_000, rounds: options.quick ? 10 : 20 },
    log,
  );
}

/** Pruning old rows on SQLite and, when reachable, on a MariaDB database of its own. */
async function benchAllRetention(
  options: BenchOptions,
  workDir: string,
  report: BenchReport,
  newScratch: (() => Promise<ScratchMysql>) | null,
) {
  const targets: RetentionTarget[] = [sqliteRetentionTarget(path.join(workDir, 'retention-sqlite'))];
  if (newScratch) {
    try {
      const scratch = await newScratch();
      if (!('version' in report.mysql)) report.mysql = { version: scratch.version };
      targets.push({ label: 'MariaDB', databaseUrl: scratch.url });
    } catch (error) {
      report.mysql = { skipped: `not reachable at ${redact(options.mysqlUrl)}: ${(error as Error).message}` };
      log(`retention: MariaDB ${report.mysql.skipped}`);
    }
  }
  return benchRetention(targets, { rows: options.quick ? 100_000 : 1_000_000 }, log);
}

async function benchBare(options: BenchOptions, connectionCounts: number[]): Promise<LoadRow[]> {
  const bare = await startBareServer();
  try {
    await warmUp(bare.url, ['/bare'], options.warmupSec);
    const rows: LoadRow[] = [];
    for (const connections of connectionCounts) {
      const figures = await runLoad(bare.url, ['/bare'], connections, options.durationSec);
      rows.push({ target: 'bare Express', workload: 'bare', connections, restarted: false, ...figures });
      log(describeLoad(rows.at(-1)!));
    }
    return rows;
  } finally {
    await bare.stop();
  }
}

/** MariaDB: seed 1,000 products and measure, then grow the same database to 100,000 when affordable. */
async function benchMysql(
  scratch: ScratchMysql,
  options: BenchOptions,
  dataDir: string,
  report: BenchReport,
) {
  let from = 0;
  for (const products of options.sizes) {
    const grown = await growMysql(scratch, dataDir, products, from, {
      budgetSec:
        products > 1_000 && !options.mysql100k ? options.mysqlSeedBudgetSec : Number.POSITIVE_INFINITY,
      log,
    });
    report.seeds.push(grown.seed);
    if (!grown.db) break;
    from = products;
    collect(report, await benchShop(grown.db, options, log, () => scratch.killLeftoverQueries()));
    await benchSearchCorners(grown.db, report);
  }
}

/** Issue 16 item 3: every golden query and one- and two-letter prefix, uncached, on the 100,000-product catalogs. */
async function benchSearchCorners(target: PreparedDatabase, report: BenchReport): Promise<void> {
  if (target.products < 100_000) return;
  log(`${target.label}: search corners...`);
  const database = await openDatabase(target.databaseUrl);
  try {
    const lines = await searchCornerLines(database.db, target.label, 2);
    for (const line of lines) log(line);
    report.notes.push(...lines, searchCornersBefore);
  } finally {
    await database.close();
  }
}

/**
 * Order placement on a copy of the 1,000-product SQLite catalog and on a MariaDB database of its own (seeded to
 * 1,000 products), so orders never change the catalogs measured above or cached for later runs.
 */
async function benchAllOrders(
  sqlite: PreparedDatabase[],
  scratch: ScratchMysql | null,
  options: BenchOptions,
  workDir: string,
  report: BenchReport,
): Promise<void> {
  const source = sqlite.find((db) => db.products === 1_000);
  if (!source) throw new Error('orders need the 1,000-product SQLite catalog');
  const sqliteDir = path.join(workDir, 'orders-sqlite');
  fs.cpSync(source.dataDir, sqliteDir, { recursive: true });
  const targets: { target: OrdersTarget; afterKill?: () => Promise<void> }[] = [
    {
      target: {
        label: `SQLite ${sizeLabel(source.products)}`,
        dataDir: sqliteDir,
        databaseUrl: `sqlite:${path.join(sqliteDir, 'shop.sqlite')}`,
      },
    },
  ];
  if (scratch) {
    const databasePid = isLocal(scratch.url) ? findDatabaseServerPid() : undefined;
    const target: OrdersTarget = {
      label: 'MariaDB 1k',
      dataDir: path.join(workDir, 'orders-mysql'),
      databaseUrl: scratch.url,
      databaseCpuSeconds: () => processCpuSeconds(databasePid),
      otherDatabaseClients: () => scratch.otherClients(),
    };
    log(`${target.label} orders: seeding ${scratch.database} to 1,000 products...`);
    const seeded = await runSeedCli(target, 1_000);
    log(
      `${target.label} orders: ${seeded.added.toLocaleString('en-US')} products in ${seeded.seconds.toFixed(1)} s`,
    );
    targets.push({ target, afterKill: () => scratch.killLeftoverQueries() });
  }
  for (const { target, afterKill } of targets) {
    const figures = await benchOrders(target, options, log, afterKill);
    report.orders.setup.push(figures.setup);
    report.orders.load.push(...figures.load);
    if (figures.race) report.orders.races.push(figures.race);
    report.orders.notes.push(...figures.notes);
  }
}

/**
 * The mixed load on a copy of the 1,000-product SQLite catalog and on a MariaDB database of its own seeded to
 * 1,000 products: its orders and sales change stock, so it never runs on the catalogs measured or cached.
 */
async function benchAllMixed(
  sqlite: PreparedDatabase[],
  scratch: ScratchMysql | null,
  options: BenchOptions,
  workDir: string,
) {
  const source = sqlite.find((db) => db.products === 1_000);
  if (!source) throw new Error('the mixed load needs the 1,000-product SQLite catalog');
  const sqliteDir = path.join(workDir, 'mixed-sqlite');
  fs.cpSync(source.dataDir, sqliteDir, { recursive: true });
  const targets: MixedTarget[] = [
    {
      label: `SQLite ${sizeLabel(source.products)}`,
      dataDir: sqliteDir,
      databaseUrl: `sqlite:${path.join(sqliteDir, 'shop.sqlite')}`,
    },
  ];
  if (scratch) {
    const databasePid = isLocal(scratch.url) ? findDatabaseServerPid() : undefined;
    const target: MixedTarget = {
      label: 'MariaDB 1k',
      dataDir: path.join(workDir, 'mixed-mysql'),
      databaseUrl: scratch.url,
      databaseCpuSeconds: () => processCpuSeconds(databasePid),
      afterServerKilled: () => scratch.killLeftoverQueries(),
    };
    log(`${target.label} mixed: seeding ${scratch.database} to 1,000 products...`);
    const seeded = await runSeedCli(target, 1_000);
    log(
      `${target.label} mixed: ${seeded.added.toLocaleString('en-US')} products in ${seeded.seconds.toFixed(1)} s`,
    );
    targets.push(target);
  }
  return benchMixed(targets, { ...options.mixed, nodeEnv: options.nodeEnv }, log);
}

function collect(report: BenchReport, figures: Awaited<ReturnType<typeof benchShop>>): void {
  report.load.push(...figures.load);
  report.latency.push(figures.latency);
  report.notes.push(...figures.notes);
}

function isLocal(url: string): boolean {
  return ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname);
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
