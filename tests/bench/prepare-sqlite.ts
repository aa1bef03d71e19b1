import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './paths';
import { runSeedCli } from './seed';
import type { ShopServerTarget } from './server-process';

export interface PreparedDatabase extends ShopServerTarget {
  label: string;
  dialect: 'sqlite' | 'mysql';
  products: number;
  /** How the catalog came to be, for the report: "seeded", "grown from 1,000", "reused from cache". */
  preparation: string;
  seedSeconds: number | null;
}

interface CacheMeta {
  products: number;
  fingerprint: string;
  preparation: string;
  seedSeconds: number;
  preparedAt: string;
}

/**
 * SQLite databases of each size under `root`, the smallest seeded from the demo catalog and each larger one grown
 * from a copy of the one before. A database whose meta.json matches the current seeding code is reused.
 */
export async function prepareSqliteDatabases(
  root: string,
  sizes: number[],
  log: (line: string) => void,
): Promise<PreparedDatabase[]> {
  const fingerprint = seedingFingerprint();
  const prepared: PreparedDatabase[] = [];
  for (const size of [...sizes].sort((a, b) => a - b)) {
    const dir = path.join(root, `sqlite-${size}`);
    const target = { dataDir: dir, databaseUrl: `sqlite:${path.join(dir, 'shop.sqlite')}` };
    const label = `SQLite ${sizeLabel(size)}`;
    const meta = readMeta(dir);
    if (meta && meta.fingerprint === fingerprint && meta.products === size) {
      log(
        `${label}: reusing ${dir} (${meta.preparation} in ${meta.seedSeconds.toFixed(1)} s on ${meta.preparedAt})`,
      );
      prepared.push({
        ...target,
        label,
        dialect: 'sqlite',
        products: size,
        preparation: `${meta.preparation}; reused from cache`,
        seedSeconds: meta.seedSeconds,
      });
      continue;
    }
    const building = `${dir}.building`;
    fs.rmSync(building, { recursive: true, force: true });
    fs.rmSync(dir, { recursive: true, force: true });
    const from = prepared.at(-1);
    if (from) fs.cpSync(from.dataDir, building, { recursive: true });
    else fs.mkdirSync(building, { recursive: true });
    const preparation = from ? `grown from ${sizeLabel(from.products)}` : 'demo catalog grown';
    log(`${label}: ${preparation} to ${size.toLocaleString('en-US')} products...`);
    const result = await runSeedCli(
      { dataDir: building, databaseUrl: `sqlite:${path.join(building, 'shop.sqlite')}` },
      size,
    );
    fs.renameSync(building, dir);
    const written: CacheMeta = {
      products: size,
      fingerprint,
      preparation,
      seedSeconds: result.seconds,
      preparedAt: new Date().toISOString().slice(0, 16).replace('T', ' '),
    };
    fs.writeFileSync(path.join(dir, 'meta.json'), JSON.stringify(written, null, 2));
    log(`${label}: ${result.added.toLocaleString('en-US')} products added in ${result.seconds.toFixed(1)} s`);
    prepared.push({
      ...target,
      label,
      dialect: 'sqlite',
      products: size,
      preparation,
      seedSeconds: result.seconds,
    });
  }
  return prepared;
}

export function sizeLabel(products: number): string {
  return products >= 1_000 && products % 1_000 === 0 ? `${products / 1_000}k` : String(products);
}

function readMeta(dir: string): CacheMeta | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'meta.json'), 'utf8')) as CacheMeta;
  } catch {
    return null;
  }
}

/** A hash of the code that decides what a seeded database holds: schema, seed data, catalog writer, search index. */
function seedingFingerprint(): string {
  const hash = createHash('sha256');
  const roots = [
    'server/src/db',
    'server/src/seed',
    'server/src/modules',
    'shared/src',
    'server/package.json',
  ];
  for (const relative of roots) {
    const full = path.join(repoRoot, relative);
    const files = fs.statSync(full).isDirectory()
      ? fs
          .readdirSync(full, { recursive: true, encoding: 'utf8' })
          .filter((file) => file.endsWith('.ts') && !file.includes('.test.'))
          .sort()
          .map((file) => path.join(full, file))
      : [full];
    for (const file of files)
      hash.update(path.relative(repoRoot, file)).update('\0').update(fs.readFileSync(file));
  }
  return hash.digest('hex').slice(0, 16);
}
