import type { ScratchMysql } from './mysql';
import { sizeLabel, type PreparedDatabase } from './prepare-sqlite';
import type { SeedRow } from './report';
import { runSeedCli } from './seed';

export interface MysqlGrowth {
  db: PreparedDatabase | null;
  seed: SeedRow;
}

/**
 * Grows the scratch MariaDB database to `products` with the seed CLI. The run is stopped after its first batch
 * when the rate so far says the whole would take longer than `budgetSec` (Infinity: never).
 */
export async function growMysql(
  scratch: ScratchMysql,
  dataDir: string,
  products: number,
  from: number,
  options: { budgetSec: number; log: (line: string) => void },
): Promise<MysqlGrowth> {
  const label = `MariaDB ${sizeLabel(products)}`;
  const preparation = from ? `grown from ${sizeLabel(from)}` : 'demo catalog grown';
  const target = { databaseUrl: scratch.url, dataDir };
  const estimate = { seconds: Number.NaN };
  options.log(`${label}: ${preparation} to ${products.toLocaleString('en-US')} products...`);
  const result = await runSeedCli(target, products, (added, seconds) => {
    if (!Number.isFinite(options.budgetSec) || !Number.isNaN(estimate.seconds)) return true;
    estimate.seconds = (seconds / added) * (products - from);
    options.log(
      `${label}: ${added.toLocaleString('en-US')} products in ${seconds.toFixed(1)} s, ` +
        `about ${estimate.seconds.toFixed(0)} s for all ${(products - from).toLocaleString('en-US')}`,
    );
    return estimate.seconds <= options.budgetSec;
  });
  if (result.aborted) {
    options.log(`${label}: skipped (run with --mysql-100k to seed it anyway)`);
    return {
      db: null,
      seed: {
        target: label,
        products,
        preparation: `skipped: estimated ${estimate.seconds.toFixed(0)} s > ${options.budgetSec} s (--mysql-100k seeds it)`,
        seconds: result.seconds,
      },
    };
  }
  options.log(
    `${label}: ${result.added.toLocaleString('en-US')} products added in ${result.seconds.toFixed(1)} s`,
  );
  const estimated = Number.isNaN(estimate.seconds)
    ? ''
    : ` (estimated ${estimate.seconds.toFixed(0)} s after the first batch)`;
  return {
    db: { ...target, label, dialect: 'mysql', products, preparation, seedSeconds: result.seconds },
    seed: { target: label, products, preparation: `${preparation}${estimated}`, seconds: result.seconds },
  };
}
