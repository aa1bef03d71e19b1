import type { Db } from '../db/database';
import { countProducts, listBrands, listCategories } from './catalog-repo';
import { demoProducts } from './demo-catalog';
import { importProducts, type CatalogRefs } from './import-catalog';
import { svgFileName } from './product-image';

const EDITIONS = [
  'Black',
  'White',
  'Silver',
  'Pro Kit',
  'OEM',
  'Retail',
  'Bundle',
  'Refurbished',
  'Gen 2',
  'Plus',
];
const BATCH = 5_000;

/**
 * Grows the catalog to `target` products with variants of the demo products (other edition, price, stock), so
 * search and listing can be measured on a catalog of realistic text at any size.
 */
export async function addBenchmarkProducts(
  db: Db,
  target: number,
  progress?: (added: number) => void,
): Promise<number> {
  const existing = await countProducts(db);
  const missing = target - existing;
  if (missing <= 0) return 0;
  const refs = await loadRefs(db);
  const now = Date.now();
  let added = 0;
  for (let start = 0; start < missing; start += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, missing - start) }, (_, k) => {
      const n = existing + start + k;
      const base = demoProducts[n % demoProducts.length]!;
      const edition = EDITIONS[Math.floor(n / demoProducts.length) % EDITIONS.length]!;
      return {
        ...base,
        sku: `${base.sku}-V${n}`.slice(0, 40),
        barcode: '',
        name: `${base.name} ${edition} #${n}`,
        slug: undefined,
        priceCents: Math.max(100, base.priceCents + ((n * 37) % 41) * 100 - 2000),
        stock: (n * 13) % 17,
        serialized: false,
        imageFile: svgFileName(base.sku),
        createdAt: now - (n % 5000) * 60_000,
      };
    });
    await importProducts(db, refs, batch);
    added += batch.length;
    progress?.(added);
  }
  return added;
}

async function loadRefs(db: Db): Promise<CatalogRefs> {
  const [categories, brands] = await Promise.all([listCategories(db), listBrands(db)]);
  const byId = new Map(categories.map((c) => [c.id, c]));
  const names = (id: string | null): string[] => {
    const c = id ? byId.get(id) : undefined;
    return c ? [c.name, c.name_km, ...names(c.parent_id)] : [];
  };
  return {
    categories: new Map(
      categories.map((c) => [c.slug, { id: c.id, names: names(c.id), specKind: c.spec_kind as never }]),
    ),
    brands: new Map(brands.map((b) => [b.slug, { id: b.id, name: b.name }])),
  };
}
