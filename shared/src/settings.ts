import { z } from 'zod';
import { provinceNames, type Province } from './delivery';
import { formatUsd } from './money';

/**
 * The settings a shop enters itself (rows of the server's `settings` table, stored as JSON): one schema each, the
 * rules the server applies when it stores and reads them, `npm run shop -- set-…` applies before writing, and the
 * back office's screens will apply to their forms. Messages say what to enter, for a person at a terminal or a form.
 */

export const settingKeys = {
  shopIdentity: 'shop.identity',
  merchantAccount: 'payments.merchant',
  pricing: 'orders.pricing',
  invoiceVat: 'invoice.vat',
  holdLimits: 'orders.holdLimits',
  counterPolicy: 'counter.policy',
  retention: 'data.retention',
  preOrders: 'orders.preOrders',
} as const;

// Control characters and direction overrides are invisible in a terminal, a mail or a bank app, yet change what a
// customer reads (a name shown backwards, a line break inside a QR's name): no setting may carry them.
// eslint-disable-next-line no-control-regex
const HIDDEN_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** One line of text a person reads, trimmed, 1 to `max` characters (Khmer welcome). */
function line(max: number, missing: string) {
  return z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .max(max, `use at most ${max} characters`)
    .refine((text) => !HIDDEN_CHARACTERS.test(text), 'remove control characters and direction marks');
}

/** An empty or blank value means "none": null in the stored setting. */
function orNull<T extends z.ZodType>(schema: T) {
  return z.preprocess(
    (value) => (value === undefined || (typeof value === 'string' && value.trim() === '') ? null : value),
    schema.nullable(),
  );
}

/** An empty or blank value means "none": the field is left out of the stored setting. */
function orAbsent<T extends z.ZodType>(schema: T) {
  return z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    schema.optional(),
  );
}

// --- shop.identity ----------------------------------------------------------------------------------------------

/** Who the shop is, as mails, invoices, receipts and the web shop's header show it. */
export const shopIdentitySchema = z.object({
  name: line(80, "enter the shop's name"),
  nameKm: line(80, "enter the shop's name in Khmer"),
  /** An absolute http(s) URL: mail clients cannot resolve paths relative to the shop. */
  logoUrl: orNull(
    z
      .url({
        protocol: /^https?$/,
        error: 'enter the full address of the logo picture, starting with https://',
      })
      .max(500, 'use an address of at most 500 characters'),
  ),
  supportEmail: orNull(
    z.string().trim().toLowerCase().max(254).pipe(z.email('enter an email address such as shop@example.com')),
  ),
  phone: orNull(
    z
      .string()
      .trim()
      .regex(/^\+?[0-9][0-9 ().-]{5,28}$/, 'enter a phone number such as 012 345 678 or +855 12 345 678'),
  ),
  address: orNull(line(200, "enter the shop's address")),
  /** When customers may come to pick up, as they read it in their mails ("Mon–Sat 8:00–18:00"). */
  hours: orNull(line(120, "enter the shop's opening hours")),
});
export type ShopIdentity = z.output<typeof shopIdentitySchema>;

// --- payments.merchant ------------------------------------------------------------------------------------------

/** What a KHQR can carry (EMVCo lengths as bakong-khqr enforces them). */
export const merchantAccountLimits = Object.freeze({
  accountId: 32,
  name: 25,
  city: 15,
  merchantId: 32,
  acquiringBank: 32,
  storeLabel: 25,
});

/** Account id, merchant id and acquiring bank together: 99 characters of tag 30 less three sub-tag headers. */
const MERCHANT_TAG_CHARS = 99 - 3 * 4;

/**
 * The Bakong account customers pay: an individual account (`name@bank`), or a merchant account with the merchant
 * id and acquiring bank the bank gave the shop. The name is what customers check in their bank app before paying.
 */
export const merchantAccountSchema = z
  .object({
    kind: z
      .enum(['individual', 'merchant'], { error: "must be 'individual' or 'merchant'" })
      .default('individual'),
    accountId: z
      .string({ error: 'enter the Bakong account id, like shopname@aclb' })
      .trim()
      .min(1, 'enter the Bakong account id, like shopname@aclb')
      .max(merchantAccountLimits.accountId, `use at most ${merchantAccountLimits.accountId} characters`)
      .regex(/^[^@\s]+@[^@\s]+$/, 'must be a Bakong account id like name@bank'),
    name: line(merchantAccountLimits.name, 'enter the name customers see when they pay'),
    city: line(merchantAccountLimits.city, "enter the shop's city, e.g. Phnom Penh"),
    merchantId: orAbsent(line(merchantAccountLimits.merchantId, 'enter the merchant id')),
    acquiringBank: orAbsent(
      line(merchantAccountLimits.acquiringBank, 'enter the acquiring bank, e.g. ACLBKHPP'),
    ),
    storeLabel: orAbsent(line(merchantAccountLimits.storeLabel, 'enter a store label')),
  })
  .superRefine((account, ctx) => {
    const fields = ['merchantId', 'acquiringBank'] as const;
    for (const field of fields) {
      if (account.kind === 'merchant' && account[field] === undefined)
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: 'a merchant account needs it (from your bank)',
        });
      if (account.kind === 'individual' && account[field] !== undefined)
        ctx.addIssue({ code: 'custom', path: [field], message: 'only a merchant account has one' });
    }
    // The three share the QR's tag 30, whose length has two digits: each longest alone fits, all three do not.
    // (Said only when each fits alone: one problem, one message.)
    const parts = {
      accountId: account.accountId,
      merchantId: account.merchantId ?? '',
      acquiringBank: account.acquiringBank ?? '',
    };
    const together = Object.values(parts).reduce((sum, part) => sum + part.length, 0);
    const eachFits = Object.entries(parts).every(
      ([field, part]) => part.length <= merchantAccountLimits[field as keyof typeof parts],
    );
    if (account.kind === 'merchant' && eachFits && together > MERCHANT_TAG_CHARS)
      ctx.addIssue({
        code: 'custom',
        path: ['merchantId'],
        message: `with the account id and acquiring bank it makes ${together} characters; a QR holds ${MERCHANT_TAG_CHARS}`,
      });
  });
export type MerchantAccountSetting = z.output<typeof merchantAccountSchema>;

// --- orders.pricing ---------------------------------------------------------------------------------------------

const cents = (what: string, max: number) =>
  z
    .number({ error: `enter ${what} in US cents` })
    .int(`enter ${what} in whole cents`)
    .min(0, `${what} cannot be negative`)
    .max(max, `${what} can be at most ${formatUsd(max)}`);

const DAYS_MESSAGE = 'enter whole days from 0 (the same day) to 60';
const days = z.number({ error: DAYS_MESSAGE }).int(DAYS_MESSAGE).min(0, DAYS_MESSAGE).max(60, DAYS_MESSAGE);
const province = z.enum(provinceNames, { error: "enter one of Cambodia's provinces, e.g. Siem Reap" });

/** The fastest and slowest a delivery takes, in days after the order (0: the same day). */
const deliveryDaysSchema = z
  .object({ min: days, max: days }, { error: 'enter the fewest and most days a delivery takes' })
  .refine((d) => d.min <= d.max, { path: ['max'], message: 'the most days cannot be fewer than the fewest' });

/** A province's own delivery rate; `freeFromCents` absent: the shop's free-delivery threshold applies there too. */
const provinceRateSchema = z
  .object({
    province,
    feeCents: cents('the delivery fee', 100_00),
    minDays: days,
    maxDays: days,
    freeFromCents: cents('the free-delivery threshold', 1_000_000_00).nullable().optional(),
  })
  .refine((r) => r.minDays <= r.maxDays, {
    path: ['maxDays'],
    message: 'the most days cannot be fewer than the fewest',
  });
export type ProvinceRate = z.output<typeof provinceRateSchema>;

/**
 * What a shop in Phnom Penh typically asks: the capital by its own riders, today or tomorrow and cheaper; the
 * provinces by bus-line couriers in two to four days at the standard fee; the far north-east a little longer.
 */
export const DEFAULT_PROVINCE_RATES: readonly ProvinceRate[] = Object.freeze([
  { province: 'Phnom Penh', feeCents: 150, minDays: 0, maxDays: 1 },
  { province: 'Kandal', feeCents: 200, minDays: 1, maxDays: 2 },
  ...(['Mondulkiri', 'Ratanakiri', 'Preah Vihear', 'Stung Treng', 'Oddar Meanchey'] as const).map(
    (far: Province): ProvinceRate => ({ province: far, feeCents: 300, minDays: 3, maxDays: 5 }),
  ),
]);

/**
 * The shop's money rules: its own exchange rate and delivery. `deliveryFeeCents` and `deliveryDays` are the standard
 * rate, for every province without a rate of its own in `provinceRates`; `noDeliveryTo` lists the provinces the shop
 * does not deliver to (customers there pick up). Fields a stored row lacks (one saved before rates per province)
 * take their defaults.
 */
export const pricingSchema = z
  .object({
    /** Riel per US dollar, set by the shop (typically 4,000–4,100). */
    rielPerUsd: z
      .number({ error: 'enter the riel per US dollar, e.g. 4100' })
      .int('enter whole riel per US dollar, e.g. 4100')
      .min(1000, 'the rate is riel per US dollar: at least 1,000 (typically about 4,100)')
      .max(10_000, 'the rate is riel per US dollar: at most 10,000 (typically about 4,100)'),
    deliveryFeeCents: cents('the delivery fee', 100_00),
    /** Orders from this subtotal up are delivered free; null: never free. */
    freeDeliveryFromCents: cents('the free-delivery threshold', 1_000_000_00).nullable(),
    deliveryDays: deliveryDaysSchema.default({ min: 2, max: 4 }),
    provinceRates: z
      .array(provinceRateSchema, { error: 'enter a list of province rates' })
      .max(provinceNames.length)
      .default(() => DEFAULT_PROVINCE_RATES.map((rate) => ({ ...rate }))),
    noDeliveryTo: z
      .array(province, { error: 'enter a list of provinces' })
      .max(provinceNames.length)
      .default(() => []),
  })
  .superRefine((pricing, ctx) => {
    const seen = new Set<string>();
    pricing.provinceRates.forEach((rate, index) => {
      if (seen.has(rate.province))
        ctx.addIssue({
          code: 'custom',
          path: ['provinceRates', index, 'province'],
          message: `${rate.province} has two rates: keep one`,
        });
      seen.add(rate.province);
    });
  });
export type Pricing = z.output<typeof pricingSchema>;

// --- invoice.vat ------------------------------------------------------------------------------------------------

/** A VAT-registered shop issues tax invoices that show the VAT its prices include, and its TIN (Prakas 723). */
export const invoiceVatSettingSchema = z
  .object({
    registered: z.boolean({ error: 'say whether the shop is registered for VAT (true or false)' }),
    ratePercent: z
      .number({ error: 'enter the VAT rate in percent, e.g. 10' })
      .int('enter the VAT rate in whole percent, e.g. 10')
      .min(1, 'the VAT rate is at least 1 %')
      .max(100, 'the VAT rate is at most 100 %')
      .default(10),
    /** The shop's taxpayer identification number, printed on tax invoices. */
    tin: z
      .string()
      .trim()
      .max(40, 'use at most 40 characters')
      .regex(/^[A-Za-z0-9-]*$/, 'a TIN is letters, digits and dashes, e.g. K001-901234567')
      .default(''),
  })
  .refine((vat) => !vat.registered || vat.tin !== '', {
    path: ['tin'],
    message: 'a VAT-registered shop prints its TIN on every tax invoice: enter it',
  });
export type InvoiceVatSetting = z.output<typeof invoiceVatSettingSchema>;

// --- orders.holdLimits -----------------------------------------------------------------------------------------

/** A whole number from `min` to `max`; the message says the range (and why it ends there, when given). */
function wholeNumber(what: string, min: number, max: number, why = '') {
  const message = `enter ${what} from ${min.toLocaleString('en')} to ${max.toLocaleString('en')}${why}`;
  return z.number({ error: message }).int(message).min(min, message).max(max, message);
}

/**
 * How much stock unpaid orders may hold, and for how long. An unpaid order keeps its units from every other
 * customer, so one customer, one browser and one network address may each hold only so much at a time, a hold ends
 * a while after placement however often its QR is renewed, and a payment review that keeps stock is brought to
 * staff, then to admins, and finally lets the stock go (docs/decisions/0003-unpaid-holds.md).
 */
export const holdLimitsSchema = z
  .object({
    /** Orders waiting for money (or in payment review) per customer account, and per browser across its accounts. */
    unpaidOrders: wholeNumber('a whole number of orders', 1, 10_000),
    /** Units of one product per customer and per browser, across their unpaid orders. */
    unitsPerProduct: wholeNumber('a whole number of units', 1, 10_000),
    /** …and never more than this share of the product's stock on hand (always at least one unit). */
    stockSharePercent: wholeNumber('a whole percent', 1, 100, ' (100: only the units limit applies)'),
    /**
     * Per network address, whoever is signed in. Generous: mobile carriers put many customers behind one address
     * (carrier-grade NAT), so this only stops one person making accounts by the dozen.
     */
    addressUnpaidOrders: wholeNumber('a whole number of orders', 1, 10_000),
    addressUnitsPerProduct: wholeNumber('a whole number of units', 1, 10_000),
    /** New QR codes a customer may ask for after the first one ran out. */
    renewals: wholeNumber('a whole number of renewals', 0, 10),
    /** No QR of an order is payable later than this after placement. At least one QR's lifetime. */
    holdMinutes: wholeNumber(
      'a whole number of minutes',
      15,
      24 * 60,
      " (at least one QR's lifetime, at most a day)",
    ),
    /** A review holding stock this long is mailed to staff and admins… */
    reviewNoticeMinutes: wholeNumber('a whole number of minutes', 1, 7 * 24 * 60, ' (at most a week)'),
    /** …this long, to admins once more… */
    reviewEscalationMinutes: wholeNumber('a whole number of minutes', 1, 7 * 24 * 60, ' (at most a week)'),
    /** …and this long, its reservation goes back on sale (the order stays in review). */
    reviewReleaseMinutes: wholeNumber('a whole number of minutes', 1, 30 * 24 * 60, ' (at most 30 days)'),
  })
  // The steps of a review come in this order: a reservation released before anyone was told, or admins reminded
  // before staff were first mailed, would make the mails describe something that did not happen.
  .superRefine((limits, ctx) => {
    if (limits.reviewEscalationMinutes <= limits.reviewNoticeMinutes)
      ctx.addIssue({
        code: 'custom',
        path: ['reviewEscalationMinutes'],
        message: `admins are reminded after staff were first mailed: enter more than ${limits.reviewNoticeMinutes} minutes`,
      });
    const lastMail = Math.max(limits.reviewNoticeMinutes, limits.reviewEscalationMinutes);
    if (limits.reviewReleaseMinutes <= lastMail)
      ctx.addIssue({
        code: 'custom',
        path: ['reviewReleaseMinutes'],
        message: `the stock goes back on sale after staff and admins were mailed: enter more than ${lastMail} minutes`,
      });
  });
export type HoldLimits = z.output<typeof holdLimitsSchema>;

// --- counter.policy -------------------------------------------------------------------------------------------

/** The papers a counter prints receipts on: the 80 mm thermal roll, or an A4 sheet. */
export const receiptPapers = ['slip80', 'a4'] as const;
export type ReceiptPaper = (typeof receiptPapers)[number];

const PERCENT_OFF = 'a whole percent';

/**
 * How the shop's counters work: what the receipt says under the thanks, the paper it is printed on, and how much of a
 * sale (line and sale discounts together, in percent of its value before discounts) each role may take off.
 * Counters get it through the pull, so a change reaches every counter, offline ones at their next sync.
 */
export const counterPolicySchema = z.object({
  /** One line a customer reads at the foot of every receipt (returns, warranty, thanks); null: none. */
  receiptFooter: orNull(line(200, 'enter the text printed at the foot of every receipt')),
  receiptPaper: z.enum(receiptPapers, {
    error: 'enter slip80 (the 80 mm receipt roll) or a4 (a sheet of A4)',
  }),
  discountLimitPercent: z
    .object(
      {
        staff: wholeNumber(PERCENT_OFF, 0, 100),
        admin: wholeNumber(PERCENT_OFF, 0, 100),
      },
      { error: 'enter the most staff and admins may take off a sale, in whole percent' },
    )
    // An admin is who staff ask for a bigger discount: the admin must be allowed at least as much.
    .superRefine((limits, ctx) => {
      if (limits.staff > limits.admin)
        ctx.addIssue({
          code: 'custom',
          path: ['staff'],
          message: `staff may not take off more than admins may (${limits.admin} %): enter at most ${limits.admin}, or raise the admins' limit`,
        });
    }),
});
export type CounterPolicy = z.output<typeof counterPolicySchema>;

/** What counters do until the shop sets its policy: the server answers it and a counter that never pulled one uses it. */
export const DEFAULT_COUNTER_POLICY: Readonly<CounterPolicy> = Object.freeze({
  receiptFooter: null,
  receiptPaper: 'slip80',
  discountLimitPercent: Object.freeze({ staff: 10, admin: 100 }),
});

/**
 * A setting of several fields as the server and the counters use it: each stored (or pulled) field that keeps its
 * rule in `shape` (the shared schema's), else the field's default. A row written by hand, or only in part, still
 * gives every field a sane value; `npm run shop -- settings` says what breaks the rules.
 */
export function fieldsOrDefaults<T extends object>(
  shape: { readonly [K in keyof T]: z.ZodType<T[K], unknown> },
  stored: unknown,
  defaults: Readonly<T>,
): T {
  const value = stored && typeof stored === 'object' ? (stored as Record<string, unknown>) : {};
  const fields: T = { ...defaults };
  for (const name of Object.keys(defaults) as (keyof T & string)[]) {
    const parsed = shape[name].safeParse(value[name]);
    if (parsed.success) fields[name] = parsed.data;
  }
  return fields;
}

// --- data.retention -------------------------------------------------------------------------------------------

/**
 * How long the shop keeps what only grows (docs/decisions/0015-retention.md): sent mails, audit rows and the change
 * feed's history. Orders, payments and the stock ledger are never pruned, nor audit rows about money or stock; ended
 * sessions and old rate-limit windows go as soon as they can no longer matter, whatever is set here.
 */
export const retentionSchema = z.object({
  /** Sent (and given-up) mails, kept this long after they were queued for the "what was mailed" question. */
  sentMailDays: wholeNumber('a whole number of days', 7, 3_650, ' (a week to ten years)'),
  /** Audit rows of sign-ins, settings, catalog and people; those about money and stock are kept for good. */
  auditDays: wholeNumber('a whole number of days', 90, 36_500, ' (three months to a hundred years)'),
  /**
   * Changes counters may still need one by one; older ones are compacted (the last change of each item stays). A
   * counter offline for longer may be told to pull everything afresh.
   */
  changeFeedDays: wholeNumber('a whole number of days', 1, 3_650, ' (a day to ten years)'),
});
export type Retention = z.output<typeof retentionSchema>;

/** Until the shop says otherwise: three months of mails, three years of audit rows, a month of feed history. */
export const DEFAULT_RETENTION: Readonly<Retention> = Object.freeze({
  sentMailDays: 90,
  auditDays: 3 * 365,
  changeFeedDays: 30,
});

// --- orders.preOrders ----------------------------------------------------------------------------------------

/**
 * The shop's pre-order rules (docs/decisions/0019-pre-orders.md): what happens to a deposit when a pre-order is
 * cancelled or lapses, and how long units reserved for an arrived pre-order wait for the rest of the money.
 */
export const preOrderPolicySchema = z.object({
  /** refund: the deposit goes to the refunds owed for staff to send back; keep: the shop keeps it. */
  depositOnCancel: z.enum(['refund', 'keep'], { error: 'choose refund or keep' }),
  holdDays: wholeNumber('a whole number of days', 1, 30, ' (a day to a month)'),
});
export type PreOrderPolicy = z.output<typeof preOrderPolicySchema>;

/** Until the shop says otherwise: deposits are refunded, an arrived pre-order waits three days for the rest. */
export const DEFAULT_PRE_ORDER_POLICY: Readonly<PreOrderPolicy> = Object.freeze({
  depositOnCancel: 'refund',
  holdDays: 3,
});

// --- all of them ------------------------------------------------------------------------------------------------

/** Every setting a shop enters, by key: what `npm run shop -- settings` lists and the back office will edit. */
export const shopSettingSchemas = {
  [settingKeys.shopIdentity]: shopIdentitySchema,
  [settingKeys.merchantAccount]: merchantAccountSchema,
  [settingKeys.pricing]: pricingSchema,
  [settingKeys.invoiceVat]: invoiceVatSettingSchema,
  [settingKeys.holdLimits]: holdLimitsSchema,
  [settingKeys.counterPolicy]: counterPolicySchema,
  [settingKeys.retention]: retentionSchema,
  [settingKeys.preOrders]: preOrderPolicySchema,
} as const;
export type ShopSettingKey = keyof typeof shopSettingSchemas;
export type ShopSettingValue<K extends ShopSettingKey> = z.output<(typeof shopSettingSchemas)[K]>;

export function isShopSettingKey(key: string): key is ShopSettingKey {
  return Object.hasOwn(shopSettingSchemas, key);
}
