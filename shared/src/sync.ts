import { z } from 'zod';
import { currencySchema } from './orders';
import { roles } from './permissions';
import { couponRuleSchema, promotionRuleSchema, type CouponRule, type PromotionRule } from './promotions';

// --- pull: the change feed -----------------------------------------------------------------------------------------

/**
 * Entities whose writes the server records in its change feed, for the desktop POS to pull. Each change carries the
 * entity's current `data` (null for a delete), so a counter's first pull needs no other request.
 */
export const changeEntities = [
  'category',
  'brand',
  'product',
  'stock',
  'customer',
  'staff',
  'setting',
  /** Since contract 2: the promotion rules and coupons a counter prices with (priceCart). */
  'promotion',
  'coupon',
] as const;
export type ChangeEntity = (typeof changeEntities)[number];

/**
 * The contract version that brought each entity into the pull. A counter of an older version is not sent entities
 * newer than it (docs/decisions/0016-upgrades.md: an older counter is answered in its own shapes).
 */
export const changeEntitySince: { readonly [E in ChangeEntity]: number } = {
  category: 1,
  brand: 1,
  product: 1,
  stock: 1,
  customer: 1,
  staff: 1,
  setting: 1,
  promotion: 2,
  coupon: 2,
};

/** The entities a counter of contract `version` is sent. */
export function changeEntitiesOf(version: number): ChangeEntity[] {
  return changeEntities.filter((entity) => changeEntitySince[entity] <= version);
}

/** A product as a counter sells it. `available` is on hand minus what web orders hold. */
export const syncProductSchema = z
  .object({
    id: z.string(),
    sku: z.string(),
    barcode: z.string().nullable(),
    name: z.string(),
    categoryId: z.string().nullable(),
    brandId: z.string().nullable(),
    priceCents: z.number().int(),
    salePriceCents: z.number().int().nullable(),
    serialized: z.boolean(),
    warrantyMonths: z.number().int(),
    active: z.boolean(),
    available: z.number().int(),
    /** The small picture's URL (relative to the server), or null when the product has none. */
    thumbnailUrl: z.string().nullable(),
  })
  .meta({ id: 'SyncProduct' });
export type SyncProduct = z.infer<typeof syncProductSchema>;

export const syncCategorySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    nameKm: z.string().nullable(),
    parentId: z.string().nullable(),
  })
  .meta({ id: 'SyncCategory' });
export type SyncCategory = z.infer<typeof syncCategorySchema>;

export const syncBrandSchema = z.object({ id: z.string(), name: z.string() }).meta({ id: 'SyncBrand' });
export type SyncBrand = z.infer<typeof syncBrandSchema>;

/** A stock change: the product's counters after it. */
export const syncStockSchema = z
  .object({
    productId: z.string(),
    onHand: z.number().int(),
    reserved: z.number().int(),
    available: z.number().int(),
  })
  .meta({ id: 'SyncStock' });
export type SyncStock = z.infer<typeof syncStockSchema>;

/** A customer the counter can find by phone or name and sell to. */
export const syncCustomerSchema = z
  .object({ id: z.string(), name: z.string(), phone: z.string().nullable(), email: z.string().nullable() })
  .meta({ id: 'SyncCustomer' });
export type SyncCustomer = z.infer<typeof syncCustomerSchema>;

/**
 * A staff member or admin who may sign in at a counter. `pinVerifier` checks their short PIN offline (a slow salted
 * hash, pin-verifier.ts); null until they set a PIN. `active: false` (disabled or no longer staff) signs them out.
 */
export const syncStaffSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    role: z.enum(roles),
    active: z.boolean(),
    pinVerifier: z.string().nullable(),
  })
  .meta({ id: 'SyncStaff' });
export type SyncStaff = z.infer<typeof syncStaffSchema>;

/** A shop setting the counter uses: its key (settingKeys) and stored value, as `npm run shop -- settings` shows it. */
export const syncSettingSchema = z
  .object({ key: z.string(), value: z.unknown() })
  .meta({ id: 'SyncSetting' });
export type SyncSetting = z.infer<typeof syncSettingSchema>;

/** What `data` holds for each entity. */
export interface ChangeData {
  category: SyncCategory;
  brand: SyncBrand;
  product: SyncProduct;
  stock: SyncStock;
  customer: SyncCustomer;
  staff: SyncStaff;
  setting: SyncSetting;
  promotion: PromotionRule;
  coupon: CouponRule;
}

export const changeDataSchemas = {
  category: syncCategorySchema,
  brand: syncBrandSchema,
  product: syncProductSchema,
  stock: syncStockSchema,
  customer: syncCustomerSchema,
  staff: syncStaffSchema,
  setting: syncSettingSchema,
  promotion: promotionRuleSchema,
  coupon: couponRuleSchema,
} as const satisfies { [E in ChangeEntity]: z.ZodType<ChangeData[E]> };

export const changeSchema = z
  .object({
    seq: z.number().int(),
    entity: z.enum(changeEntities),
    entityId: z.string(),
    operation: z.enum(['upsert', 'delete']),
    at: z.number().int(),
    /** The entity as it is now (see changeDataSchemas), or null when it was deleted. */
    data: z.unknown(),
  })
  .meta({ id: 'Change' });
export type Change = z.infer<typeof changeSchema>;

// --- the contract's version ------------------------------------------------------------------------------------

/**
 * The version of the sync contract (this file) that this code speaks. A counter says which version it speaks on
 * every pull and push; one that says nothing was built before versions existed and speaks version 1. The server
 * takes every version it knows and answers each counter in the shapes of its own version
 * (docs/decisions/0016-upgrades.md): raise it when a pushed item or a change's data changes shape
 * in a way an older reader would misread, and keep the older version's reader on the server.
 * Version 2 (issue 17): the pull sends `promotion` and `coupon` changes, and a sale may name the discounts and the
 * coupon the counter applied (`discounts`, `couponCode`); version 1's items are read as they are.
 */
export const syncContractVersion = 2;
const contractVersion = z.number().int().min(1).max(10_000);

export const changesQuerySchema = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
  /** The sync contract version the counter speaks; absent: 1. */
  contract: z.coerce.number().int().min(1).max(10_000).optional(),
});

export const changesPageSchema = z
  .object({
    changes: z.array(changeSchema),
    /** The cursor to send as `after` next time: the seq of the last change in this page, or `after` if none. */
    cursor: z.number().int(),
    hasMore: z.boolean(),
    /**
     * Present (true) when the counter's cursor is older than the feed's compaction horizon: changes it never saw may
     * have been compacted away (docs/decisions/0015-retention.md), so it pulls again from 0 and replaces its copy.
     * The page is still the one asked for: a counter that does not know this field goes on as before.
     */
    pullAfresh: z.literal(true).optional(),
  })
  .meta({ id: 'ChangesPage' });
export type ChangesPage = z.infer<typeof changesPageSchema>;

// --- push: what a counter did ------------------------------------------------------------------------------------

/** Ids of counter-made records: ULIDs made on the device (26 Crockford base-32 characters). */
export const ulidSchema = z
  .string()
  .regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'a ULID: 26 characters of Crockford base 32, upper case');

const minor = z.number().int().min(0).max(1_000_000_000_000);
const reason = z.string().trim().min(1, 'say why').max(500);

const pushItemBase = {
  id: ulidSchema,
  /** When it happened at the counter (epoch ms). */
  at: z.number().int().min(0),
  /** The staff member who did it. */
  staffId: z.string().min(1).max(64),
};

export const shiftOpenItemSchema = z.object({
  ...pushItemBase,
  type: z.literal('shift_open'),
  shiftId: ulidSchema,
  floatUsdCents: minor,
  floatKhr: minor,
});
export const shiftCloseItemSchema = z.object({
  ...pushItemBase,
  type: z.literal('shift_close'),
  shiftId: ulidSchema,
  countedUsdCents: minor,
  countedKhr: minor,
});
export const cashMovementItemSchema = z.object({
  ...pushItemBase,
  type: z.literal('cash_movement'),
  shiftId: ulidSchema,
  kind: z.enum(['pay_in', 'pay_out']),
  currency: currencySchema,
  amount: minor,
  reason,
});

export const salePaymentSchema = z.object({
  method: z.enum(['cash', 'khqr']),
  currency: currencySchema,
  /** What this payment settled, in minor units of its currency. */
  amount: minor,
  /** Cash handed over (cash only). */
  tendered: minor.optional(),
  /** Change given back, in `changeCurrency` (the payment's own currency when that is absent). */
  change: minor.optional(),
  /** The currency the change was given in, when the customer took it in the other one (a dollar note, riel back). */
  changeCurrency: currencySchema.optional(),
  /** A KHQR confirmed by staff against the shop's static QR (offline): reconciled later. */
  staffConfirmed: z.boolean().optional(),
  /** The server's md5 of a dynamic KHQR, when the counter was online. */
  md5: z.string().max(64).optional(),
  /** The id of the counter's dynamic KHQR request (POST /sync/khqr) this payment is. */
  khqrPaymentId: ulidSchema.optional(),
});
export type SalePayment = z.infer<typeof salePaymentSchema>;

export const saleLineSchema = z.object({
  productId: z.string().min(1).max(64),
  quantity: z.number().int().min(1).max(10_000),
  /** What the customer paid per unit (USD cents), as the counter priced it. */
  unitPriceCents: minor,
  discountCents: minor.optional(),
  serials: z.array(z.string().trim().min(1).max(100)).max(10_000).optional(),
});
export type SaleLine = z.infer<typeof saleLineSchema>;

export const saleItemSchema = z.object({
  ...pushItemBase,
  type: z.literal('sale'),
  shiftId: ulidSchema.optional(),
  receiptNumber: z.string().trim().min(1).max(40),
  customerId: z.string().min(1).max(64).optional(),
  lines: z.array(saleLineSchema).min(1).max(500),
  discountCents: minor.optional(),
  /** The admin whose PIN approved discounts over the cashier's limit at the counter. */
  discountApprovedBy: z.string().min(1).max(64).optional(),
  /**
   * Contract 2: the discounts the counter's priceCart applied (PricedDiscount: line promotions are already in the
   * lines' unitPriceCents, cart promotions and the coupon are part of the sale's discountCents). The order shows them
   * by name; the rest of discountCents and the lines' discountCents are the cashier's own discounts.
   */
  discounts: z
    .array(
      z.object({
        source: z.enum(['promotion', 'coupon']),
        id: z.string().min(1).max(40),
        level: z.enum(['line', 'cart']),
        amountCents: minor,
      }),
    )
    .max(50)
    .optional(),
  /** Contract 2: the coupon code the counter applied; its use is counted when the sale is applied. */
  couponCode: z.string().trim().min(1).max(32).optional(),
  payments: z.array(salePaymentSchema).min(1).max(20),
});
export type SaleItem = z.infer<typeof saleItemSchema>;

export const returnItemSchema = z.object({
  ...pushItemBase,
  type: z.literal('return'),
  shiftId: ulidSchema.optional(),
  /** The pushed sale's id (ULID), or the server order id of the sale returned against. */
  saleId: z.string().min(1).max(64),
  lines: z
    .array(
      z.object({
        productId: z.string().min(1).max(64),
        quantity: z.number().int().min(1).max(10_000),
        serials: z.array(z.string().trim().min(1).max(100)).max(10_000).optional(),
      }),
    )
    .min(1)
    .max(500),
  refunds: z
    .array(z.object({ method: z.enum(['cash', 'khqr']), currency: currencySchema, amount: minor }))
    .max(20),
  reason,
});
export type ReturnItem = z.infer<typeof returnItemSchema>;

export const pushItemSchema = z.discriminatedUnion('type', [
  shiftOpenItemSchema,
  shiftCloseItemSchema,
  cashMovementItemSchema,
  saleItemSchema,
  returnItemSchema,
]);
export type PushItem = z.infer<typeof pushItemSchema>;
export type PushItemType = PushItem['type'];

export const maxPushItems = 200;

/** What a counter of this version pushes. */
export const pushBodySchema = z.object({
  items: z.array(pushItemSchema).min(1).max(maxPushItems),
  /** How many items the device still has queued after this batch: shown to admins beside the device. */
  pending: z.number().int().min(0).optional(),
  appVersion: z.string().trim().max(40).optional(),
  /** The sync contract version the items are in (syncContractVersion); absent: 1, a counter from before versions. */
  contract: contractVersion.optional(),
});
export type PushBody = z.infer<typeof pushBodySchema>;

/**
 * A pushed item as `POST /sync/push` takes it from a counter of any version: what every version's items have (the
 * wire contract's `{ id, type, at, staffId, … }`), the rest kept as sent. The server reads the rest by the push's
 * contract version; an item it cannot read (a type or shape it does not take) is parked for staff with the reason,
 * never refused with its whole batch, so an old counter's queue never sticks on it.
 */
export const pushedItemSchema = z
  .looseObject({
    id: ulidSchema,
    type: z.string().trim().min(1).max(20),
    at: z.number().int().min(0),
    staffId: z.string().min(1).max(64),
  })
  .meta({
    id: 'PushedItem',
    description:
      'One of the item shapes of the push contract (shift_open, shift_close, cash_movement, sale, return) in the ' +
      "push's contract version; an item the server cannot read is parked, not refused.",
  });
export type PushedItem = z.infer<typeof pushedItemSchema>;

/** The push route's body: a batch of items of one contract version, as a counter of any version sends it. */
export const pushRequestSchema = pushBodySchema.extend({
  items: z.array(pushedItemSchema).min(1).max(maxPushItems),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

export const pushStatuses = ['applied', 'parked', 'conflict'] as const;
export type PushStatus = (typeof pushStatuses)[number];

export const shortfallSchema = z.object({ productId: z.string(), quantity: z.number().int().min(1) });
export type Shortfall = z.infer<typeof shortfallSchema>;

export const pushResultSchema = z
  .object({
    id: z.string(),
    status: z.enum(pushStatuses),
    orderId: z.string().optional(),
    orderNumber: z.string().optional(),
    /** Units sold beyond what the server had: the sale stands, staff are told. */
    shortfalls: z.array(shortfallSchema).optional(),
    /** Why an item was parked or is a conflict. */
    error: z.string().optional(),
  })
  .meta({ id: 'PushResult' });
export type PushResult = z.infer<typeof pushResultSchema>;

export const pushAnswerSchema = z.object({ results: z.array(pushResultSchema) }).meta({ id: 'PushAnswer' });
export type PushAnswer = z.infer<typeof pushAnswerSchema>;

// --- parked items: what the server could not apply -----------------------------------------------------------------

export const parkedStatuses = ['parked', 'applied', 'discarded'] as const;

export const parkedItemSchema = z
  .object({
    id: z.string(),
    deviceId: z.string(),
    deviceName: z.string(),
    type: z.string(),
    /** The item as the counter sent it. */
    item: z.unknown(),
    status: z.enum(parkedStatuses),
    error: z.string(),
    parkedAt: z.number().int(),
    /** Set once applied on retry or discarded. */
    resolvedAt: z.number().int().nullable(),
    resolvedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
    discardReason: z.string().nullable(),
    orderId: z.string().nullable(),
  })
  .meta({ id: 'ParkedItem' });
export type ParkedItem = z.infer<typeof parkedItemSchema>;

export const parkedItemListSchema = z
  .object({ items: z.array(parkedItemSchema) })
  .meta({ id: 'ParkedItemList' });
