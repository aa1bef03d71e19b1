import { performance } from 'node:perf_hooks';
import { seedDemoShop } from '../seed/demo';
import { addBenchmarkProducts } from '../seed/benchmark-catalog';
import { createLogger } from '../logger';
import { rebuildSearchIndexIfStale } from '../modules/catalog/search-upkeep';
import { openForCli, parseOptions } from './open';

/**
 * `npm run seed -- --products 100000`: grows the configured database to that many products (the demo catalog
 * first, then variants of it), for benchmarks.
 */
async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const target = Number(options.products ?? 0);
  if (!Number.isInteger(target) || target < 0 || target > 2_000_000) {
    console.error('Usage: npm run seed -- --products <count up to 2,000,000>');
    process.exit(1);
  }
  const { config, database } = await openForCli();
  const started = performance.now();
  try {
    // As the server does before it seeds: a new database records the search index's version here, so the first
    // start does not index every product again (55 s on 100,000 products).
    await rebuildSearchIndexIfStale(database.db);
    await seedDemoShop(database.db, config, createLogger('warn'));
    const added = await addBenchmarkProducts(database.db, target, (done) => {
      process.stdout.write(`\r${done} products added`);
    });
    console.log(
      `\n${added} products added in ${((performance.now() - started) / 1000).toFixed(1)} s (${config.databaseUrl.split(':')[0]})`,
    );
  } finally {
    await database.close();
  }
}

void main();
