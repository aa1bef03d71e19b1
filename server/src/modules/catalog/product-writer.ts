import { checkSpecs, specAttributes, formatSpecValue, type SpecKind, type Specs } from '@shop/shared';
import { newId } from '../../db/ids';
import type { Tx } from '../../db/transaction';
import { recordChanges } from '../sync/change-log';
import type { ProductTable } from '../../db/schema';
import { deleteIndexRows, insertInChunks } from './repo';
import { normalizeText, productTerms } from './search-index';

/**
 * Writes what is derived from a product row: its filterable attributes and its search terms. Used by the
 * catalog service for one product and by the seeds for thousands, so both index exactly alike.
 */
export interface IndexedProduct {
  row: ProductTable;
  brandName: string;
  categoryNames: string[];
  specKind: SpecKind;
  /** Stock the product starts with (seeds, imports), received through the ledger like any delivery. */
  openingStock?: { quantity: number; serials: string[] };
}

export function nameSortKey(name: string): string {
  return normalizeText(name).slice(0, 200);
}

export function specProblems(kind: SpecKind, specs: Specs): Record<string, string> {
  return Object.fromEntries(
    Object.entries(checkSpecs(kind, specs)).map(([key, message]) => [`specs.${key}`, message]),
  );
}

/** Inserts new products with their stock counters, opening stock, index rows and change-feed entries. */
export async function insertProducts(tx: Tx, products: IndexedProduct[], now = Date.now()): Promise<void> {
  await insertInChunks(
    tx,
    'products',
    products.map((p) => p.row),
  );
  await insertInChunks(
    tx,
    'stock_levels',
    products.map((p) => ({
      product_id: p.row.id,
      on_hand: p.openingStock?.quantity ?? 0,
      reserved: 0,
      updated_at: now,
    })),
  );
  const stocked = products.filter((p) => (p.openingStock?.quantity ?? 0) > 0);
  const receipts = stocked.map((p) => ({
    id: newId(),
    product_id: p.row.id,
    type: 'receive',
    on_hand_delta: p.openingStock!.quantity,
    reserved_delta: 0,
    on_hand_after: p.openingStock!.quantity,
    reserved_after: 0,
    reason: 'opening stock',
    reference: null,
    actor_id: null,
    created_at: now,
  }));
  await insertInChunks(tx, 'stock_movements', receipts);
  await insertInChunks(
    tx,
    'serial_numbers',
    stocked.flatMap((p, i) =>
      p.openingStock!.serials.map((serial) => ({
        id: newId(),
        product_id: p.row.id,
        serial,
        status: 'in_stock',
        reference: receipts[i]!.id,
        sold_at: null,
        warranty_until: null,
        created_at: now,
        updated_at: now,
      })),
    ),
  );
  await insertIndexRows(tx, products);
  await recordChanges(
    tx,
    products.flatMap((p) => [
      { entity: 'product', entityId: p.row.id, operation: 'upsert' },
      { entity: 'stock', entityId: p.row.id, operation: 'upsert' },
    ]),
    now,
  );
}

/** Rebuilds the attribute and search rows of products whose row changed. */
export async function reindexProducts(tx: Tx, products: IndexedProduct[]): Promise<void> {
  const ids = products.map((p) => p.row.id);
  await deleteIndexRows(tx, ids);
  await insertIndexRows(tx, products);
}

async function insertIndexRows(tx: Tx, products: IndexedProduct[]): Promise<void> {
  const attributes = products.flatMap(({ row, specKind }) => {
    const specs = JSON.parse(row.specs_json) as Specs;
    return specAttributes(specKind)
      .filter((a) => specs[a.key] !== undefined)
      .map((a) => ({ product_id: row.id, attr_key: a.key, value: String(specs[a.key]) }));
  });
  const terms = products.flatMap((product) =>
    [...productTerms(searchDocument(product))].map(([term, weight]) => ({
      term,
      product_id: product.row.id,
      weight,
    })),
  );
  await insertInChunks(tx, 'product_attributes', attributes);
  await insertInChunks(tx, 'search_terms', terms);
}

/**
 * The specs that name what a product of a kind IS, not a part it has: a graphics card is its chipset ("RTX 4060"),
 * a motherboard its chipset ("B650"); a laptop's GPU is a part, so "rtx 4060" lists the cards first.
 */
const MODEL_SPECS: Readonly<Partial<Record<SpecKind, readonly string[]>>> = {
  motherboard: ['chipset'],
  gpu: ['chipset'],
};

function searchDocument({ row, brandName, categoryNames, specKind }: IndexedProduct) {
  const specs = JSON.parse(row.specs_json) as Specs;
  return {
    sku: row.sku,
    name: row.name,
    brand: brandName,
    categories: categoryNames,
    models: (MODEL_SPECS[specKind] ?? [])
      .filter((key) => specs[key] !== undefined)
      .map((key) => String(specs[key])),
    specs: specAttributes(specKind)
      .filter((a) => specs[a.key] !== undefined && a.type !== 'boolean' && !a.builderOnly)
      .map((a) => formatSpecValue(a, specs[a.key]!)),
    description: row.description,
  };
}
