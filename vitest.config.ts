import { defineConfig } from 'vitest/config';

/**
 * `npm test` runs pure unit tests once, every database-backed server test on SQLite, and the same tests again on
 * MySQL/MariaDB when MYSQL_URL is set (each test file in a fresh database of its own).
 */
const unit = ['shared/src/**/*.test.ts', 'server/src/**/*.unit.test.ts', 'desktop/src/**/*.test.ts'];
const serverDb = ['server/src/**/*.test.ts', 'server/test/**/*.test.ts'];

const dbProject = (name: 'sqlite' | 'mysql') => ({
  test: {
    name,
    include: serverDb,
    exclude: ['**/*.unit.test.ts', '**/node_modules/**'],
    env: { TEST_DB: name },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: unit } },
      dbProject('sqlite'),
      ...(process.env.MYSQL_URL ? [dbProject('mysql')] : []),
    ],
  },
});
