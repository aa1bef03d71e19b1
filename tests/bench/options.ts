import path from 'node:path';
import { defaultCacheDir, defaultReportFile } from './paths';
import { defaultStuffingOptions, type StuffingOptions } from './bench-stuffing';
import type { NodeEnv } from './server-process';
import { issueMix, parseMix, type RequestKind } from './open-loop';

export type BenchPart =
  | 'catalog'
  | 'orders'
  | 'mixed'
  | 'web'
  | 'stuffing'
  | 'slow-clients'
  | 'first-pull'
  | 'push-10k'
  | 'pos'
  | 'reports'
  | 'retention'
  | 'backup';
export const benchParts: BenchPart[] = [
  'catalog',
  'orders',
  'mixed',
  'web',
  'stuffing',
  'slow-clients',
  'first-pull',
  'push-10k',
  'pos',
  'reports',
  'retention',
  'backup',
];

export interface BenchOptions {
  quick: boolean;
  /** What to measure: catalog listing and search, order placement, the web shop in a browser (`--only` one). */
  parts: Record<BenchPart, boolean>;
  /** Seconds of load per autocannon case. */
  durationSec: number;
  /** Seconds of sequential requests before measuring a server. */
  warmupSec: number;
  connections: number[];
  /** Catalog sizes to prepare and measure. */
  sizes: number[];
  mysql: boolean;
  mysqlUrl: string;
  /** Seed MariaDB with 100,000 products even when that is estimated to take longer than the budget. */
  mysql100k: boolean;
  mysqlSeedBudgetSec: number;
  /** Keep prepared SQLite databases here between runs; null: a temporary directory, removed at the end. */
  cacheDir: string | null;
  reportFile: string | null;
  /** NODE_ENV of the shop server: production skips the validation of every answer against its schema. */
  nodeEnv: NodeEnv;
  /** Sequential search latency: time per query of the set, and bounds on the number of rounds. */
  sequentialBudgetMs: number;
  sequentialMinRounds: number;
  sequentialMaxRounds: number;
  orders: OrderBenchOptions;
  web: WebBenchOptions;
  /** Credential stuffing: wrong passwords from many addresses at many accounts while owners sign in. */
  stuffing: StuffingOptions;
  slowClients: SlowClientBenchOptions;
  mixed: MixedBenchOptions;
}

export interface MixedBenchOptions {
  /** Requests of the mix started per second (open loop), and the rate of the baseline case run first. */
  ratePerSec: number;
  baselineRatePerSec: number;
  /** Seconds of each case. */
  seconds: number;
  /** Weights of browse, search, cart and checkout (default the issue's 70 / 20 / 8 / 2). */
  mix: Record<RequestKind, number>;
}

export interface SlowClientBenchOptions {
  /** Slow connections held open at once. */
  connections: number;
  /** Seconds fresh visitors are measured while they are open (per kind of slow client). */
  caseSec: number;
}

export interface WebBenchOptions {
  /** Cold loads of the home page per network/CPU condition; the median is reported. */
  coldLoads: number;
  /** Lighthouse runs (each about 20 s); the one with the median performance score is reported. */
  lighthouseRuns: number;
}

export interface OrderBenchOptions {
  /** Connections of the placement throughput cases (each lasts `durationSec`). */
  connections: number[];
  /** Customers made with a bearer session beforehand; requests rotate over them. */
  customers: number;
  /** Products orders rotate over, each received with `stockPerProduct` units so none runs out. */
  products: number;
  stockPerProduct: number;
  /** The race: `requests` orders of 1 unit fired at once over `connections` connections for `stock` units. */
  race: { requests: number; connections: number; stock: number };
}

export const usage = `Usage: npm run bench -w @shop/tests -- [options]   (or: cd tests && npx tsx bench/run.ts [options])

  --duration <s>   seconds of load per case (default 10, --quick 3)
  --warmup <s>     seconds of sequential warm-up per server (default 2, --quick 1)
  --quick          short cases, 1,000 products only (about 3 minutes)
  --only <part>    catalog: listing and search only; orders: order placement and the stock race only;
                   mixed: open-loop mixed load (browse, search, cart, checkout, two counters pushing) at
                   --rate for --seconds after the same schedule at --baseline-rate, SQLite and MariaDB
                   web: the web shop in headless Chromium only (bytes, time to the product grid, Lighthouse);
                   stuffing: 10,000 wrong sign-ins from 100 addresses at 100 accounts while owners sign in
                   slow-clients: fresh visitors while 10,000 slow connections are open
                   first-pull: a new counter pulls the whole change feed of 100,000 products (--quick: 1,000)
                   push-10k: a counter pushes 10,000 queued offline sales (--quick: 1,000)
                   pos: the counter's core alone on 100,000 local products: lookups, offline sale commits
                   reports: sales report latency per grouping on 1,000,000 order lines (--quick: 100,000)
                   retention: pruning 1,000,000 old mail and audit rows (--quick: 100,000) while a writer appends
                   backup: npm run shop -- backup and restore of 100,000 products, 1,000,000 order lines
                   (--quick: 10,000 and 100,000)
                   (the other parts' sections of the report are carried over from the file being replaced)
  --rate <n>       mixed: requests per second of the mix (default 1000)
  --baseline-rate <n>  mixed: the rate of the baseline case run first on the same server (default 300)
  --seconds <s>    mixed: seconds of each case (default 60, --quick 10)
  --mix <weights>  mixed: e.g. browse=100 or cart=50,checkout=50 (default browse=70,search=20,cart=8,checkout=2)
  --no-mysql       skip MariaDB even when it is reachable at MYSQL_URL
  --mysql-100k     seed MariaDB with 100,000 products even when estimated to take more than 5 minutes
  --cache [dir]    keep prepared SQLite databases between runs (default dir: tests/bench/.cache)
  --out <file>     write the Markdown report there (default docs/benchmarks.md); --no-out: do not write
  --node-env <env> NODE_ENV of the shop server (default production; development validates every answer)

  MYSQL_URL        server to create a scratch database on (default mysql://root@127.0.0.1:3306/test)
  LIGHTHOUSE_CLI   path to lighthouse/cli/index.js when Lighthouse is not installed in node_modules`;

export function parseOptions(args: string[], env: NodeJS.ProcessEnv = process.env): BenchOptions {
  const quick = args.includes('--quick');
  const options: BenchOptions = {
    quick,
    parts: {
      catalog: true,
      orders: true,
      mixed: true,
      web: true,
      stuffing: true,
      'slow-clients': true,
      'first-pull': true,
      'push-10k': true,
      pos: true,
      reports: true,
      retention: true,
      backup: true,
    },
    durationSec: quick ? 3 : 10,
    warmupSec: quick ? 1 : 2,
    connections: [100, 1_000],
    sizes: quick ? [1_000] : [1_000, 100_000],
    mysql: true,
    mysqlUrl: env.MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test',
    mysql100k: false,
    mysqlSeedBudgetSec: 300,
    cacheDir: null,
    reportFile: defaultReportFile,
    nodeEnv: 'production',
    sequentialBudgetMs: quick ? 500 : 2_500,
    sequentialMinRounds: quick ? 10 : 5,
    sequentialMaxRounds: 200,
    orders: {
      connections: [10, 100],
      customers: 200,
      products: 200,
      stockPerProduct: 10_000,
      race: { requests: 2_000, connections: 500, stock: 50 },
    },
    web: { coldLoads: quick ? 3 : 7, lighthouseRuns: quick ? 1 : 3 },
    stuffing: { ...defaultStuffingOptions },
    slowClients: { connections: 10_000, caseSec: quick ? 10 : 30 },
    mixed: { ratePerSec: 1_000, baselineRatePerSec: 300, seconds: quick ? 10 : 60, mix: { ...issueMix } },
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = (): string => {
      const next = args[i + 1];
      if (next === undefined || next.startsWith('--')) throw new Error(`${arg} needs a value\n\n${usage}`);
      i++;
      return next;
    };
    const seconds = (): number => {
      const n = Number(value());
      if (!Number.isFinite(n) || n <= 0) throw new Error(`${arg} must be a positive number of seconds`);
      return n;
    };
    const rate = (): number => {
      const n = Number(value());
      if (!Number.isInteger(n) || n <= 0 || n > 20_000)
        throw new Error(`${arg} must be a whole number of requests per second, 1 to 20000`);
      return n;
    };
    switch (arg) {
      case '--quick':
        break;
      case '--duration':
        options.durationSec = seconds();
        break;
      case '--rate':
        options.mixed.ratePerSec = rate();
        break;
      case '--baseline-rate':
        options.mixed.baselineRatePerSec = rate();
        break;
      case '--mix':
        options.mixed.mix = parseMix(value());
        break;
      case '--seconds':
        options.mixed.seconds = seconds();
        break;
      case '--warmup':
        options.warmupSec = seconds();
        break;
      case '--no-mysql':
        options.mysql = false;
        break;
      case '--mysql-100k':
        options.mysql100k = true;
        break;
      case '--cache': {
        const next = args[i + 1];
        options.cacheDir = next && !next.startsWith('--') ? path.resolve(value()) : defaultCacheDir;
        break;
      }
      case '--out':
        options.reportFile = path.resolve(value());
        break;
      case '--node-env': {
        const nodeEnv = value();
        if (nodeEnv !== 'production' && nodeEnv !== 'development' && nodeEnv !== 'test')
          throw new Error('--node-env must be production, development or test');
        options.nodeEnv = nodeEnv;
        break;
      }
      case '--only': {
        const part = value();
        if (!benchParts.includes(part as BenchPart))
          throw new Error(`--only must be ${benchParts.join(', ')}`);
        options.parts = Object.fromEntries(benchParts.map((p) => [p, p === part])) as Record<
          BenchPart,
          boolean
        >;
        break;
      }
      case '--no-out':
        options.reportFile = null;
        break;
      default:
        throw new Error(`Unknown option ${arg}\n\n${usage}`);
    }
  }
  // Orders need only the 1,000-product catalog.
  if (!options.parts.catalog) options.sizes = [1_000];
  return options;
}
