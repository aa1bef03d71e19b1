import type { LocalDb } from '../local-db/open';
import { nameWords } from '../local-db/words';

/** A product as the sale screen lists it. */
export interface ProductHit {
  id: string;
  sku: string;
  barcode: string | null;
  name: string;
  /** What the counter charges per unit now: the sale price when there is one. */
  unitPriceCents: number;
  priceCents: number;
  serialized: boolean;
  warrantyMonths: number;
  active: boolean;
  /** On the shelf as this counter knows it: the server's last figure minus units sold here and not yet synced. */
  available: number;
  thumbnailUrl: string | null;
}

export const lookupLimit = 20;
/** More words than this in a query add nothing a cashier needs and only slow the search. */
const maxQueryWords = 6;

const columns = `p.id, p.sku, p.barcode, p.name, p.price_cents AS priceCents, p.sale_price_cents AS salePriceCents,
  p.serialized, p.warranty_months AS warrantyMonths, p.active, p.available - p.unsynced_sold AS available,
  p.thumbnail_url AS thumbnailUrl`;

interface ProductRow {
  id: string;
  sku: string;
  barcode: string | null;
  name: string;
  priceCents: number;
  salePriceCents: number | null;
  serialized: number;
  warrantyMonths: number;
  active: number;
  available: number;
  thumbnailUrl: string | null;
}

export type Lookup = (query: string) => ProductHit[];

/**
 * Finds products for the sale screen: a scanned barcode or typed SKU exactly (what a scanner sends), otherwise every
 * query word a prefix of some word of the name (or SKU). At most 20, active products first, each group by name.
 */
export function productLookup(db: LocalDb): Lookup {
  const byCode = db.prepare(
    `SELECT ${columns} FROM products p WHERE p.barcode = @code
     UNION SELECT ${columns} FROM products p WHERE p.sku = @code COLLATE NOCASE
     ORDER BY active DESC, name LIMIT ${lookupLimit}`,
  );
  const search = db.prepare(
    `SELECT ${columns} FROM products p
     WHERE p.rowid IN (SELECT rowid FROM product_search WHERE product_search MATCH ? LIMIT ?)`,
  );
  return (query) => {
    const text = query.trim();
    if (!text) return [];
    const exact = byCode.all({ code: text }) as ProductRow[];
    if (exact.length > 0) return exact.map(toHit);
    const words = nameWords(text).slice(0, maxQueryWords);
    if (words.length === 0) return [];
    // Words hold only letters, digits and marks (nameWords), so quoting them is all the escaping FTS5 needs.
    const match = words.map((word) => `words : "${word}"*`).join(' AND ');
    const active = search.all(`state : on AND ${match}`, lookupLimit) as ProductRow[];
    const inactive =
      active.length < lookupLimit
        ? (search.all(`state : off AND ${match}`, lookupLimit - active.length) as ProductRow[])
        : [];
    // The first 20 matches the index gives, active ones first, each group shown by name.
    return [...active.sort(byName), ...inactive.sort(byName)].map(toHit);
  };
}

const byName = (a: ProductRow, b: ProductRow) => a.name.localeCompare(b.name);

function toHit(row: ProductRow): ProductHit {
  return {
    id: row.id,
    sku: row.sku,
    barcode: row.barcode,
    name: row.name,
    unitPriceCents: row.salePriceCents ?? row.priceCents,
    priceCents: row.priceCents,
    serialized: row.serialized === 1,
    warrantyMonths: row.warrantyMonths,
    active: row.active === 1,
    available: row.available,
    thumbnailUrl: row.thumbnailUrl,
  };
}

/** One product by id, as the sale screen shows it (adding a line after a lookup or a recall). */
export function productById(db: LocalDb): (id: string) => ProductHit | null {
  const byId = db.prepare(`SELECT ${columns} FROM products p WHERE p.id = ?`);
  return (id) => {
    const row = byId.get(id) as ProductRow | undefined;
    return row ? toHit(row) : null;
  };
}
