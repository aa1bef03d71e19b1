import type {
  Change,
  ChangeData,
  ChangeEntity,
  ProductImage,
  Role,
  SyncProduct,
  SyncStaff,
} from '@shop/shared';
import type { Db } from '../../db/database';
import { couponsByIds, promotionsByIds } from '../promotions/repo';
import { toCouponRule, toPromotionRule } from '../promotions/rows';
import { currentSetting } from '../settings/current';
import { isCounterSetting } from './counter-settings';
import { brandsByIds, categoriesByIds, productsByIds, stockByProductIds, usersByIds } from './feed-data-repo';

/**
 * What each change of a page carries: its entity as it is NOW. The operation says the same thing as the data: an
 * entity that is gone, or no longer something a counter keeps (a customer disabled, a setting no counter uses), is
 * a `delete` with `data: null` whatever was recorded, and one that exists is an `upsert` with its data. So the last
 * change of an entity a counter applies always leaves it as the server has it, even when a later write's change is
 * still ahead in the feed (it arrives too, and changes nothing).
 */

type Found = { [E in ChangeEntity]: Map<string, ChangeData[E]> };
type Loader<E extends ChangeEntity> = (db: Db, ids: string[]) => Promise<Map<string, ChangeData[E]>>;

/** The changes of a page with their current data: one query per entity kind present, in parallel. */
export async function withCurrentData(db: Db, changes: readonly Change[]): Promise<Change[]> {
  const idsOf = new Map<ChangeEntity, Set<string>>();
  for (const change of changes) {
    const ids = idsOf.get(change.entity) ?? new Set<string>();
    ids.add(change.entityId);
    idsOf.set(change.entity, ids);
  }
  const found = {} as Found;
  await Promise.all(
    (Object.keys(loaders) as ChangeEntity[]).map(async (entity) => {
      const ids = idsOf.get(entity);
      (found as Record<ChangeEntity, Map<string, unknown>>)[entity] = ids
        ? await loaders[entity](db, [...ids])
        : new Map();
    }),
  );
  return changes.map((change) => {
    const data = found[change.entity].get(change.entityId);
    return data === undefined
      ? { ...change, operation: 'delete', data: null }
      : { ...change, operation: 'upsert', data };
  });
}

/**
 * Several changes of one entity in a page all carry the same current data: only the last is kept, so a product
 * that sold fifty times since the counter's last pull costs one entry. The page's cursor is unchanged.
 */
export function lastChangePerEntity(changes: readonly Change[]): Change[] {
  const last = new Map<string, number>();
  changes.forEach((change, i) => last.set(`${change.entity}:${change.entityId}`, i));
  return changes.filter((change, i) => last.get(`${change.entity}:${change.entityId}`) === i);
}

const loaders: { [E in ChangeEntity]: Loader<E> } = {
  product: async (db, ids) =>
    new Map((await productsByIds(db, ids)).map((row) => [row.id, toSyncProduct(row)])),

  stock: async (db, ids) =>
    new Map(
      (await stockByProductIds(db, ids)).map((row) => {
        const onHand = Number(row.on_hand);
        const reserved = Number(row.reserved);
        return [
          row.product_id,
          { productId: row.product_id, onHand, reserved, available: onHand - reserved },
        ];
      }),
    ),

  category: async (db, ids) =>
    new Map(
      (await categoriesByIds(db, ids)).map((row) => [
        row.id,
        { id: row.id, name: row.name, nameKm: row.name_km || null, parentId: row.parent_id },
      ]),
    ),

  brand: async (db, ids) =>
    new Map((await brandsByIds(db, ids)).map((row) => [row.id, { id: row.id, name: row.name }])),

  // A customer the counter may sell to: an active customer account. Disabled or not yet verified: gone.
  customer: async (db, ids) =>
    new Map(
      (await usersByIds(db, ids))
        .filter((row) => row.role === 'customer' && row.status === 'active')
        .map((row) => [row.id, { id: row.id, name: row.name, phone: row.phone, email: row.email }]),
    ),

  // Staff stay known to counters once they were staff: disabled or made a customer, they are `active: false` (the
  // counter signs them out and refuses their PIN) rather than vanishing from the history of sales they made.
  staff: async (db, ids) => new Map((await usersByIds(db, ids)).map((row) => [row.id, toSyncStaff(row)])),

  // The setting as the server uses it (stored value with defaults filled in; the Bakong account null until the
  // shop enters one), at most four small reads.
  setting: async (db, ids) =>
    new Map(
      await Promise.all(
        ids
          .filter(isCounterSetting)
          .map(async (key) => [key, { key, value: await currentSetting[key](db) }] as const),
      ),
    ),

  // Every promotion and coupon as it is now, paused and ended ones too: the counter's priceCart skips those.
  promotion: async (db, ids) =>
    new Map((await promotionsByIds(db, ids)).map((row) => [row.id, toPromotionRule(row)])),
  coupon: async (db, ids) => new Map((await couponsByIds(db, ids)).map((row) => [row.id, toCouponRule(row)])),
};

interface ProductFeedRow {
  id: string;
  sku: string;
  barcode: string | null;
  name: string;
  category_id: string;
  brand_id: string;
  price_cents: number;
  compare_at_cents: number | null;
  serialized: number;
  warranty_months: number;
  active: number;
  images_json: string;
  on_hand: number | null;
  reserved: number | null;
}

/**
 * The web shop charges `price_cents` and shows `compare_at_cents` crossed out when it is higher. A counter reads it
 * the way tills do: `priceCents` is the regular price and `salePriceCents`, when set, what the customer pays now
 * (always the web shop's price: salePriceCents ?? priceCents === price_cents).
 */
export function toSyncProduct(row: ProductFeedRow): SyncProduct {
  const price = Number(row.price_cents);
  const compareAt = row.compare_at_cents === null ? null : Number(row.compare_at_cents);
  const onSale = compareAt !== null && compareAt > price;
  return {
    id: row.id,
    sku: row.sku,
    barcode: row.barcode,
    name: row.name,
    categoryId: row.category_id,
    brandId: row.brand_id,
    priceCents: onSale ? compareAt : price,
    salePriceCents: onSale ? price : null,
    serialized: Number(row.serialized) === 1,
    warrantyMonths: Number(row.warranty_months),
    active: Number(row.active) === 1,
    available: Number(row.on_hand ?? 0) - Number(row.reserved ?? 0),
    thumbnailUrl: thumbnailOf(row.images_json),
  };
}

/**
 * The first picture's smallest copy, as the catalog presents pictures (catalog/images.ts): uploads have
 * `thumbnails` by width, the demo catalog's pictures only their `url`.
 */
function thumbnailOf(imagesJson: string): string | null {
  let images: ProductImage[];
  try {
    images = JSON.parse(imagesJson) as ProductImage[];
  } catch {
    return null;
  }
  const first = images[0];
  if (!first) return null;
  const widths = Object.keys(first.thumbnails ?? {})
    .map(Number)
    .sort((a, b) => a - b);
  return widths.length ? first.thumbnails![String(widths[0])]! : first.url;
}

function toSyncStaff(row: {
  id: string;
  name: string;
  email: string;
  role: string;
  status: string;
  pin_verifier?: string | null;
}): SyncStaff {
  const active = row.role !== 'customer' && row.status === 'active';
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role as Role,
    active,
    // An inactive member's verifier is of no use to a counter and is not left lying on its disk.
    pinVerifier: active ? (row.pin_verifier ?? null) : null,
  };
}
