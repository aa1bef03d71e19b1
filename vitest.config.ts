import { defineConfig } from 'vitest/config';

/**
 * `npm test` runs pure unit tests once, every database-backed server test on SQLite, and the same tests again on
 * MySQL/MariaDB when MYSQL_URL is set (each test file in a fresh database of its own); then the browser tests
 * (e2e), one file at a time after the others, against the web shop built once for the run.
 */
// Passwords are hashed at a test cost in every test process (server/src/modules/accounts/passwords.ts): the suite
// hashes thousands, and at the real cost they were minutes of CI's two cores. Workers inherit this process's env.
process.env.SHOP_TEST_CHEAP_PASSWORD_HASHES ??= '1';

const unit = [
  'shared/src/**/*.test.ts',
  'server/src/**/*.unit.test.ts',
  'webshop/src/**/*.unit.test.ts',
  'desktop/src/**/*.test.ts',
  // The benchmark's own pure parts (its schedule and statistics); never a benchmark run.
  'tests/bench/**/*.unit.test.ts',
];
// The desktop core against a real server (`*.server.test.ts`) needs a database, so it runs with the server's tests.
const desktopWithServer = 'desktop/src/**/*.server.test.ts';
const serverDb = ['server/src/**/*.test.ts', 'server/test/**/*.test.ts', desktopWithServer];

// The command-line tools start a process per command (tsx, the whole server's modules): minutes of CPU per file.
// Their SQL is the settings, accounts and devices services', proven on both dialects through HTTP; the tools
// themselves (arguments, output, exit codes) run once, on SQLite, so CI stays under its 30 minutes.
const cliTests = ['server/test/settings-cli.test.ts', 'server/test/admin-cli.test.ts'];
// How the HTTP layer treats slow clients and request bodies happens before any SQL: once, on SQLite, is proof enough.
const httpLayerTests = [
  'server/test/slow-clients.test.ts',
  'server/test/request-bodies.test.ts',
  // The bundle's start (issue 16): what it proves is the build, not SQL.
  'server/test/built-server.test.ts',
];

// The desktop's core against a real server proves the counter's side: its queue, its pulls, its screens' requests.
// The server's side of every route they call is proven on both dialects by the server's own tests (sync, devices,
// back office), so the core's tests run once, on SQLite.
const clientSideTests = [desktopWithServer];

const dbProject = (name: 'sqlite' | 'mysql') => ({
  test: {
    name,
    include: serverDb,
    exclude: [
      '**/*.unit.test.ts',
      '**/node_modules/**',
      ...(name === 'mysql' ? [...cliTests, ...httpLayerTests, ...clientSideTests] : []),
    ],
    env: { TEST_DB: name },
    // MySQL: the schema migrated once per run, copied into each test file's database (server/test/global-setup.ts).
    ...(name === 'mysql' ? { globalSetup: ['server/test/global-setup.ts'] } : {}),
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

// The counter's own screens, driven like a till: a scanner's bursts, PINs, a receipt printer.
const counterE2e = ['tests/e2e/counter-*.e2e.test.ts'];

/** Browser tests: after the server tests, not beside them (Chromium and a server per file would starve them). */
const e2eProject = (
  name: string,
  options: { include: string[]; exclude: string[]; groupOrder: number; fileParallelism: boolean },
) => ({
  test: {
    name,
    sequence: { groupOrder: options.groupOrder },
    include: options.include,
    exclude: options.exclude,
    // Builds the web shop and the counter's screens once per run (tests/e2e/global-setup.ts).
    globalSetup: ['tests/e2e/global-setup.ts'],
    fileParallelism: options.fileParallelism,
    // A browser test that fails is run once more before it counts, as Playwright's own runner does on CI: busy
    // cores can starve a screen past a timeout; a real fault fails twice.
    retry: 1,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // A screen waited for with expect.poll: Chromium, the host, the core and the server share two cores with
    // whatever else runs (a benchmark of 100,000 products); one second (the default) was seen to fall short.
    expect: { poll: { timeout: 10_000 } },
  },
});

export default defineConfig({
  test: {
    // The default is cores − 1, one file at a time on a 2-core machine; server tests mostly wait on the database,
    // scrypt and timers, so two at a time finish much sooner. Each file has its own database, so they never meet.
    maxWorkers: 2,
    projects: [
      { test: { name: 'unit', include: unit, exclude: [desktopWithServer, '**/node_modules/**'] } },
      dbProject('sqlite'),
      ...(process.env.MYSQL_URL ? [dbProject('mysql')] : []),
      e2eProject('e2e', {
        include: ['tests/e2e/**/*.e2e.test.ts'],
        exclude: [...counterE2e, '**/node_modules/**'],
        groupOrder: 1,
        // Two files at a time (maxWorkers), each with its own server, database and Chromium: one at a time they
        // took half of CI's 30 minutes, mostly waiting (page loads, polls, mail).
        fileParallelism: true,
      }),
      e2eProject('e2e-counter', {
        include: counterE2e,
        exclude: ['**/node_modules/**'],
        groupOrder: 2,
        // The counter's screens read a scanner's burst by its keys' timing and sign a cashier in by PIN: one file at
        // a time, after the web shop's, so two busy cores never starve a scan (tests/e2e/scanner-keys.ts).
        fileParallelism: false,
      }),
    ],
  },
});
