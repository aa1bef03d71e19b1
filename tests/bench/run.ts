import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as prettier from 'prettier';
import { benchShop, describeLoad } from './bench-shop';
import { runLoad } from './load';
import { machineInfo, monitorLoadAverage } from './machine';
import { createScratchMysql, type ScratchMysql } from './mysql';
import { parseOptions, usage, type BenchOptions } from './options';
import { growMysql } from './prepare-mysql';
import { prepareSqliteDatabases } from './prepare-sqlite';
import { renderMarkdown, renderText, type BenchReport, type LoadRow } from './report';
import { warmUp } from './sequential';
import { killSeeding } from './seed';
import { startBareServer, stopAllServers } from './server-process';

/**
 * `npm run bench`: prepares SQLite (and MariaDB when reachable) catalogs of 1,000 and 100,000 products, runs the
 * real server on each as a child process, measures it against a bare Express route with autocannon, and writes
 * docs/benchmarks.md. Prints figures; never asserts them.
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
  let scratch: ScratchMysql | null = null;
  const cleanUp = async () => {
    killSeeding();
    await stopAllServers();
    await scratch
      ?.drop()
      .catch((error: unknown) => console.error(`could not drop ${scratch?.database}:`, error));
    fs.rmSync(workDir, { recursive: true, force: true });
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
      mysql: { skipped: '--no-mysql' },
      seeds: [],
      load: [],
      latency: [],
      notes: [],
    };
    log(`${report.machine.cpuModel} × ${report.machine.cpuCount}, Node ${report.machine.node}`);

    const sqlite = await prepareSqliteDatabases(options.cacheDir ?? workDir, options.sizes, log);
    report.seeds.push(
      ...sqlite.map((db) => ({
        target: db.label,
        products: db.products,
        preparation: db.preparation,
        seconds: db.seedSeconds,
      })),
    );
    if (options.mysql) {
      try {
        scratch = await createScratchMysql(options.mysqlUrl);
        report.mysql = { version: scratch.version };
        log(`MariaDB ${scratch.version}: scratch database ${scratch.database}`);
      } catch (error) {
        report.mysql = {
          skipped: `not reachable at ${redact(options.mysqlUrl)}: ${(error as Error).message}`,
        };
        log(`MariaDB ${report.mysql.skipped}`);
      }
    }

    report.load.push(...(await benchBare(options)));
    for (const db of sqlite) collect(report, await benchShop(db, options, log));
    if (scratch) await benchMysql(scratch, options, path.join(workDir, 'mysql'), report);

    report.elapsedSec = (performance.now() - started) / 1000;
    report.loadAverage = loadMonitor.stop();
    console.log(`\n${renderText(report)}\n`);
    if (options.reportFile) {
      // Formatted as the repository's `prettier --check .` expects (aligned tables).
      const markdown = await prettier.format(renderMarkdown(report), {
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

async function benchBare(options: BenchOptions): Promise<LoadRow[]> {
  const bare = await startBareServer();
  try {
    await warmUp(bare.url, ['/bare'], options.warmupSec);
    const rows: LoadRow[] = [];
    for (const connections of options.connections) {
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
  }
}

function collect(report: BenchReport, figures: Awaited<ReturnType<typeof benchShop>>): void {
  report.load.push(...figures.load);
  report.latency.push(figures.latency);
  report.notes.push(...figures.notes);
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
