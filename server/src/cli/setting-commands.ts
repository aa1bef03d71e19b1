import { DEFAULT_COUNTER_POLICY, provinceNames, settingKeys } from '@shop/shared';
import { Invalid } from '../http/errors';
import type { SettingChange } from '../modules/settings/changes';
import { DEFAULT_INVOICE_VAT } from '../modules/settings/current';
import { DEFAULT_PRICING } from '../modules/settings/pricing';
import { UsageError, type OptionKinds, type ParsedArguments } from './options';

/**
 * The friendly setters of `npm run shop`: options in the owner's words turned into changes of settings. They only
 * translate; every rule is the setting's shared schema, checked when the change is stored (modules/settings).
 */
export interface SetterCommand {
  usage: string;
  summary: string;
  options: OptionKinds;
  /** Each setting field to the option or argument that sets it, so a problem names what to retype. */
  fields: Readonly<Record<string, string>>;
  changes(input: ParsedArguments): SettingChange[];
}

const identityOptions = {
  name: 'name',
  'name-km': 'nameKm',
  address: 'address',
  phone: 'phone',
  hours: 'hours',
  email: 'supportEmail',
  'logo-url': 'logoUrl',
} as const;

/** Option to field of `data.retention`, in the order `settings` lists them. */
const retentionOptions = {
  mails: 'sentMailDays',
  audit: 'auditDays',
  'change-feed': 'changeFeedDays',
} as const;

/** Option to field of `orders.holdLimits`, in the order `settings` lists them. */
const holdLimitOptions = {
  'unpaid-orders': 'unpaidOrders',
  'units-per-product': 'unitsPerProduct',
  'stock-share': 'stockSharePercent',
  'address-unpaid-orders': 'addressUnpaidOrders',
  'address-units-per-product': 'addressUnitsPerProduct',
  renewals: 'renewals',
  'hold-minutes': 'holdMinutes',
  'review-notice-minutes': 'reviewNoticeMinutes',
  'review-escalation-minutes': 'reviewEscalationMinutes',
  'review-release-minutes': 'reviewReleaseMinutes',
} as const;

export const setterCommands: Readonly<Record<string, SetterCommand>> = {
  'set-merchant': {
    usage:
      'set-merchant --account NAME@BANK --name N --city C [--store-label L]\n' +
      '             [--kind merchant --merchant-id ID --bank CODE]',
    summary: 'the Bakong account customers pay, given whole; the name is what they see in their bank app',
    options: valueOptions('kind', 'account', 'name', 'city', 'merchant-id', 'bank', 'store-label'),
    fields: {
      kind: '--kind',
      accountId: '--account',
      name: '--name',
      city: '--city',
      merchantId: '--merchant-id',
      acquiringBank: '--bank',
      storeLabel: '--store-label',
    },
    // The whole account at once: a Bakong account is never half changed (the old city with a new account).
    changes: ({ options: o, positional }) => {
      noArguments(positional);
      const merchantDetails = o['merchant-id'] !== undefined || o.bank !== undefined;
      return [
        {
          key: settingKeys.merchantAccount,
          next: () => ({
            kind: o.kind ?? (merchantDetails ? 'merchant' : 'individual'),
            accountId: o.account,
            name: o.name,
            city: o.city,
            merchantId: o['merchant-id'],
            acquiringBank: o.bank,
            storeLabel: o['store-label'],
          }),
        },
      ];
    },
  },

  'set-identity': {
    usage:
      'set-identity [--name N] [--name-km N] [--address A] [--phone P] [--hours H] [--email E] [--logo-url URL] [--tin TIN]',
    summary: "who the shop is (mails, invoices, web shop); only the options given change, '' clears one",
    options: valueOptions(...Object.keys(identityOptions), 'tin'),
    fields: { ...invert(identityOptions), tin: '--tin' },
    changes: ({ options: o, positional }) => {
      noArguments(positional);
      const given = Object.entries(identityOptions).filter(([option]) => o[option] !== undefined);
      if (given.length === 0 && o.tin === undefined)
        throw new UsageError(`give at least one of ${optionList(identityOptions)}, --tin`);
      const changes: SettingChange[] = [];
      if (given.length > 0)
        changes.push({
          key: settingKeys.shopIdentity,
          next: (current) => ({
            ...current,
            ...Object.fromEntries(given.map(([option, field]) => [field, o[option]])),
          }),
        });
      // The TIN is printed on tax invoices, so it lives with the VAT setting.
      if (o.tin !== undefined)
        changes.push({
          key: settingKeys.invoiceVat,
          next: (current) => ({ ...(current ?? DEFAULT_INVOICE_VAT), tin: o.tin }),
        });
      return changes;
    },
  },

  'set-exchange-rate': {
    usage: 'set-exchange-rate RIEL_PER_USD',
    summary:
      "the shop's own rate for riel prices and KHR payments, e.g. 4100; orders keep the rate they were placed at",
    options: {},
    fields: { rielPerUsd: 'RIEL_PER_USD' },
    changes: ({ positional }) => {
      if (positional.length !== 1) throw new UsageError('give one number: riel per US dollar, e.g. 4100');
      return [
        {
          key: settingKeys.pricing,
          next: (current) => ({ ...current, rielPerUsd: numberOrText(positional[0]!) }),
        },
      ];
    },
  },

  'set-vat': {
    usage: 'set-vat --on --tin TIN [--rate PERCENT] | --off',
    summary:
      'whether invoices are tax invoices showing the VAT prices include (10 % unless --rate) and the TIN',
    options: { on: 'flag', off: 'flag', rate: 'value', tin: 'value' },
    fields: { registered: '--on/--off', ratePercent: '--rate', tin: '--tin' },
    changes: ({ options: o, positional }) => {
      noArguments(positional);
      if (o.on && o.off) throw new UsageError('give --on or --off, not both');
      if (!o.on && !o.off && o.rate === undefined && o.tin === undefined)
        throw new UsageError('give --on, --off, --rate or --tin');
      return [
        {
          key: settingKeys.invoiceVat,
          next: (current) => ({
            ...(current ?? DEFAULT_INVOICE_VAT),
            ...((o.on || o.off) && { registered: Boolean(o.on) }),
            ...(o.rate !== undefined && { ratePercent: numberOrText(o.rate.replace(/%$/, '')) }),
            ...(o.tin !== undefined && { tin: o.tin }),
          }),
        },
      ];
    },
  },

  'set-delivery': {
    usage:
      'set-delivery [--fee USD] [--days MIN-MAX] [--free-from USD | --never-free]\n' +
      '             --province NAME [--fee USD --days MIN-MAX] [--free-from USD | --never-free]\n' +
      '             --province NAME --standard | --no-delivery | --delivers',
    summary:
      'delivery: the standard fee, days and free-from subtotal (US dollars, e.g. 2.50; days after payment, 0: the ' +
      "same day), or with --province one province's own rate, back to the standard, or no delivery there",
    options: {
      province: 'value',
      fee: 'value',
      days: 'value',
      'free-from': 'value',
      'never-free': 'flag',
      standard: 'flag',
      'no-delivery': 'flag',
      delivers: 'flag',
    },
    fields: {
      deliveryFeeCents: '--fee',
      freeDeliveryFromCents: '--free-from',
      deliveryDays: '--days',
      'deliveryDays.min': '--days',
      'deliveryDays.max': '--days',
      provinceRates: '--province',
      noDeliveryTo: '--province',
    },
    changes: ({ options: o, positional }) => {
      noArguments(positional);
      if (o['free-from'] !== undefined && o['never-free'])
        throw new UsageError('give --free-from or --never-free, not both');
      const freeFrom = o['never-free']
        ? null
        : o['free-from'] === undefined
          ? undefined
          : usdCents(o['free-from'], 'freeDeliveryFromCents');
      const fee = o.fee === undefined ? undefined : usdCents(o.fee, 'deliveryFeeCents');
      const days = o.days === undefined ? undefined : dayRange(o.days);
      if (o.province !== undefined) return [provinceDelivery(o, { fee, days, freeFrom })];
      if (o.standard || o['no-delivery'] || o.delivers)
        throw new UsageError('--standard, --no-delivery and --delivers need --province NAME');
      if (fee === undefined && freeFrom === undefined && days === undefined)
        throw new UsageError('give --fee, --days, --free-from or --never-free (or --province NAME …)');
      return [
        {
          key: settingKeys.pricing,
          next: (current) => ({
            ...current,
            ...(fee !== undefined && { deliveryFeeCents: fee }),
            ...(freeFrom !== undefined && { freeDeliveryFromCents: freeFrom }),
            ...(days !== undefined && { deliveryDays: days }),
          }),
        },
      ];
    },
  },

  'set-hold-limits': {
    usage:
      'set-hold-limits [--unpaid-orders N] [--units-per-product N] [--stock-share PERCENT]\n' +
      '                [--address-unpaid-orders N] [--address-units-per-product N] [--renewals N]\n' +
      '                [--hold-minutes M] [--review-notice-minutes M] [--review-escalation-minutes M]\n' +
      '                [--review-release-minutes M]',
    summary:
      'how much stock unpaid orders may hold (per customer, browser, address) and for how long; ' +
      'only the options given change',
    options: valueOptions(...Object.keys(holdLimitOptions)),
    fields: invert(holdLimitOptions),
    changes: ({ options: o, positional }) => {
      noArguments(positional);
      const given = Object.entries(holdLimitOptions).filter(([option]) => o[option] !== undefined);
      if (given.length === 0) throw new UsageError(`give at least one of ${optionList(holdLimitOptions)}`);
      return [
        {
          key: settingKeys.holdLimits,
          next: (current) => ({
            ...current,
            ...Object.fromEntries(
              given.map(([option, field]) => [
                field,
                numberOrText(field === 'stockSharePercent' ? o[option]!.replace(/%$/, '') : o[option]!),
              ]),
            ),
          }),
        },
      ];
    },
  },
  'set-retention': {
    usage: 'set-retention [--mails DAYS] [--audit DAYS] [--change-feed DAYS]',
    summary:
      'how long sent mails (default 90 days), audit rows (1095) and the change feed (30) are kept before the ' +
      'pruning job removes them; orders, payments, stock and their audit rows are kept for good; only the options ' +
      'given change',
    options: valueOptions(...Object.keys(retentionOptions)),
    fields: invert(retentionOptions),
    changes: ({ options: o, positional }) => {
      noArguments(positional);
      const given = Object.entries(retentionOptions).filter(([option]) => o[option] !== undefined);
      if (given.length === 0) throw new UsageError(`give at least one of ${optionList(retentionOptions)}`);
      return [
        {
          key: settingKeys.retention,
          next: (current) => ({
            ...current,
            ...Object.fromEntries(given.map(([option, field]) => [field, days(o[option]!)])),
          }),
        },
      ];
    },
  },
  'set-pre-orders': {
    usage: 'set-pre-orders [--deposit-on-cancel refund|keep] [--hold-days DAYS]',
    summary:
      "what happens to a cancelled or lapsed pre-order's deposit (refund: owed back, listed for staff; keep) and " +
      'how many days units reserved for an arrived pre-order wait for the rest (default refund, 3 days); only the ' +
      'options given change',
    options: valueOptions('deposit-on-cancel', 'hold-days'),
    fields: { depositOnCancel: '--deposit-on-cancel', holdDays: '--hold-days' },
    changes: ({ options: o, positional }) => {
      noArguments(positional);
      if (o['deposit-on-cancel'] === undefined && o['hold-days'] === undefined)
        throw new UsageError('give at least one of --deposit-on-cancel, --hold-days');
      return [
        {
          key: settingKeys.preOrders,
          next: (current) => ({
            ...current,
            ...(o['deposit-on-cancel'] !== undefined && { depositOnCancel: o['deposit-on-cancel'] }),
            ...(o['hold-days'] !== undefined && { holdDays: days(o['hold-days']) }),
          }),
        },
      ];
    },
  },
  'set-counter': {
    usage:
      'set-counter [--receipt-footer TEXT | --no-receipt-footer] [--paper slip80|a4]\n' +
      '            [--staff-discount PERCENT] [--admin-discount PERCENT]',
    summary:
      'how counters work: the line under every receipt, the paper receipts are printed on, and the most staff ' +
      'and admins may take off a sale; only the options given change, counters get it at their next sync',
    options: {
      'receipt-footer': 'value',
      'no-receipt-footer': 'flag',
      paper: 'value',
      'staff-discount': 'value',
      'admin-discount': 'value',
    },
    fields: {
      receiptFooter: '--receipt-footer',
      receiptPaper: '--paper',
      discountLimitPercent: '--staff-discount/--admin-discount',
      'discountLimitPercent.staff': '--staff-discount',
      'discountLimitPercent.admin': '--admin-discount',
    },
    changes: ({ options: o, positional }) => {
      noArguments(positional);
      if (o['receipt-footer'] !== undefined && o['no-receipt-footer'])
        throw new UsageError('give --receipt-footer or --no-receipt-footer, not both');
      const footerGiven = o['receipt-footer'] !== undefined || o['no-receipt-footer'] !== undefined;
      if (!footerGiven && [o.paper, o['staff-discount'], o['admin-discount']].every((v) => v === undefined))
        throw new UsageError(
          'give --receipt-footer, --no-receipt-footer, --paper, --staff-discount or --admin-discount',
        );
      const percent = (text: string) => numberOrText(text.replace(/\s*%$/, ''));
      return [
        {
          key: settingKeys.counterPolicy,
          next: (current) => {
            const now = current ?? DEFAULT_COUNTER_POLICY;
            return {
              ...now,
              ...(footerGiven && { receiptFooter: o['no-receipt-footer'] ? null : o['receipt-footer'] }),
              ...(o.paper !== undefined && { receiptPaper: o.paper.trim().toLowerCase() }),
              discountLimitPercent: {
                ...now.discountLimitPercent,
                ...(o['staff-discount'] !== undefined && { staff: percent(o['staff-discount']) }),
                ...(o['admin-discount'] !== undefined && { admin: percent(o['admin-discount']) }),
              },
            };
          },
        },
      ];
    },
  },
};

/**
 * One province's delivery: its own rate (fee and days together, the first time; then either), back to the standard
 * rate, or none at all (customers there pick up). The province is written as in the list, case aside.
 */
function provinceDelivery(
  o: Record<string, string>,
  rate: { fee?: number; days?: { min: number | string; max: number | string }; freeFrom?: number | null },
): SettingChange {
  const province = provinceNames.find((name) => name.toLowerCase() === o.province!.trim().toLowerCase());
  if (!province)
    throw new Invalid('Nothing was changed: some values are not valid', {
      provinceRates: `no province ${JSON.stringify(o.province)}; use one of ${provinceNames.join(', ')}`,
    });
  const modes = [o.standard, o['no-delivery'], o.delivers].filter(Boolean).length;
  const rateGiven = rate.fee !== undefined || rate.days !== undefined || rate.freeFrom !== undefined;
  if (modes > 1 || (modes === 1 && rateGiven))
    throw new UsageError(
      'give a rate (--fee, --days, --free-from), --standard, --no-delivery or --delivers: one',
    );
  if (modes === 0 && !rateGiven)
    throw new UsageError(`give --fee and --days for ${province}, or --standard, --no-delivery or --delivers`);
  return {
    key: settingKeys.pricing,
    next: (current) => {
      const pricing = current ?? DEFAULT_PRICING;
      const others = pricing.provinceRates.filter((r) => r.province !== province);
      const refused = pricing.noDeliveryTo.filter((name) => name !== province);
      if (o['no-delivery']) return { ...pricing, noDeliveryTo: [...refused, province] };
      if (o.delivers) return { ...pricing, noDeliveryTo: refused };
      if (o.standard) return { ...pricing, provinceRates: others };
      const own = pricing.provinceRates.find((r) => r.province === province);
      const next = {
        province,
        feeCents: rate.fee ?? own?.feeCents,
        minDays: rate.days?.min ?? own?.minDays,
        maxDays: rate.days?.max ?? own?.maxDays,
        ...(rate.freeFrom !== undefined
          ? { freeFromCents: rate.freeFrom }
          : own?.freeFromCents !== undefined && { freeFromCents: own.freeFromCents }),
      };
      // A rate for a province also means delivering there again.
      return { ...pricing, provinceRates: [...others, next], noDeliveryTo: refused };
    },
  };
}

/** "2-4", "2–4" or "1" (one day exactly) as the fewest and most days; anything else for the schema to refuse. */
function dayRange(text: string): { min: number | string; max: number | string } {
  const [min = '', max = min] = text.split(/\s*[-–]\s*/);
  return { min: numberOrText(min), max: numberOrText(max) };
}

function valueOptions(...names: string[]): OptionKinds {
  return Object.fromEntries(names.map((name) => [name, 'value' as const]));
}

function invert(options: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(options).map(([option, field]) => [field, `--${option}`]));
}

function optionList(options: Readonly<Record<string, string>>): string {
  return Object.keys(options)
    .map((option) => `--${option}`)
    .join(', ');
}

function noArguments(positional: readonly string[]): void {
  if (positional.length > 0)
    throw new UsageError(
      `unexpected ${positional.map((p) => JSON.stringify(p)).join(' ')} (values follow an --option)`,
    );
}

/** "4100", "4,100" or "10" as a number; anything else as typed, for the schema to explain what it wants. */
function numberOrText(text: string): number | string {
  const plain = text.replace(/[,\s]/g, '');
  return /^-?\d+(\.\d+)?$/.test(plain) ? Number(plain) : text;
}

/** Days as typed ("90", "90 days"), or years ("3y", "3 years") as 365 days each; anything else for the schema. */
function days(text: string): number | string {
  const match = /^(\d+)\s*(d|days?|y|years?)?$/i.exec(text.trim());
  if (!match) return numberOrText(text);
  const n = Number(match[1]);
  return match[2]?.toLowerCase().startsWith('y') ? n * 365 : n;
}

/** US dollars as people type them ("2", "2.50", "$100") in integer cents, without float arithmetic. */
function usdCents(text: string, field: string): number {
  const match = /^\$?(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text.replace(/[,\s]/g, ''));
  if (!match)
    throw new Invalid('Nothing was changed: some values are not valid', {
      [field]: 'enter US dollars such as 2 or 2.50',
    });
  return Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
}
