import type { LocalDb } from '../local-db/open';
import { nameWords, prefixEnd } from '../local-db/words';

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
const countUpTo = 20_000;

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
 * query word a prefix of some word of the name (or SKU). Active products first, then by name; at most 20.
 */
export function productLookup(db: LocalDb): Lookup {
  const byCode = db.prepare(
    `SELECT ${columns} FROM products p WHERE p.barcode = @code
     UNION SELECT ${columns} FROM products p WHERE p.sku = @code COLLATE NOCASE
     ORDER BY active DESC, name LIMIT ${lookupLimit}`,
  );
  // How many products each word's prefix matches, counted only up to a bound: enough to pick the rarest word.
  const countMatches = db
    .prepare(
      `SELECT count(*) FROM (SELECT 1 FROM product_words WHERE word >= ? AND word < ? LIMIT ${countUpTo})`,
    )
    .pluck();
  const hasWord =
    'EXISTS (SELECT 1 FROM product_words w INDEXED BY product_words_product WHERE w.product_id = d.product_id AND w.word >= ? AND w.word < ?)';
  // The rarest word drives; its matches are checked for the other words and taken in shelf order from the words
  // index alone (no product rows read), and only the 20 kept are read from products.
  const byWords = Array.from({ length: maxQueryWords }, (_, i) =>
    db.prepare(
      `SELECT ${columns} FROM products p JOIN (
         SELECT DISTINCT d.shelf_key, d.product_id FROM product_words d
         WHERE d.word >= ? AND d.word < ?${Array.from({ length: i }, () => ` AND ${hasWord}`).join('')}
         ORDER BY d.shelf_key LIMIT ${lookupLimit}
       ) hit ON p.id = hit.product_id
       ORDER BY hit.shelf_key`,
    ),
  );
  return (query) => {
    const text = query.trim();
    if (!text) return [];
    const exact = byCode.all({ code: text }) as ProductRow[];
    if (exact.length > 0) return exact.map(toHit);
    const words = nameWords(text)
      .slice(0, maxQueryWords)
      .map((word) => ({ word, matches: countMatches.get(word, prefixEnd(word)) as number }))
      .sort((a, b) => a.matches - b.matches);
    if (words.length === 0 || words[0]!.matches === 0) return [];
    const bounds = words.flatMap(({ word }) => [word, prefixEnd(word)]);
    return (byWords[words.length - 1]!.all(...bounds) as ProductRow[]).map(toHit);
  };
}

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
