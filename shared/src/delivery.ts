import type { Locale } from './accounts';
import type { Pricing } from './settings';

/**
 * Cambodia's capital and 24 provinces, the one list of the web shop's address forms, the server's address rules and
 * the shop's delivery rates. The address keeps the English name (what delivery staff and couriers read on a label);
 * the customer picks it in their own language.
 */
export const provinces = [
  { en: 'Phnom Penh', km: 'រាជធានីភ្នំពេញ' },
  { en: 'Banteay Meanchey', km: 'បន្ទាយមានជ័យ' },
  { en: 'Battambang', km: 'បាត់ដំបង' },
  { en: 'Kampong Cham', km: 'កំពង់ចាម' },
  { en: 'Kampong Chhnang', km: 'កំពង់ឆ្នាំង' },
  { en: 'Kampong Speu', km: 'កំពង់ស្ពឺ' },
  { en: 'Kampong Thom', km: 'កំពង់ធំ' },
  { en: 'Kampot', km: 'កំពត' },
  { en: 'Kandal', km: 'កណ្តាល' },
  { en: 'Kep', km: 'កែប' },
  { en: 'Koh Kong', km: 'កោះកុង' },
  { en: 'Kratie', km: 'ក្រចេះ' },
  { en: 'Mondulkiri', km: 'មណ្ឌលគិរី' },
  { en: 'Oddar Meanchey', km: 'ឧត្តរមានជ័យ' },
  { en: 'Pailin', km: 'ប៉ៃលិន' },
  { en: 'Preah Sihanouk', km: 'ព្រះសីហនុ' },
  { en: 'Preah Vihear', km: 'ព្រះវិហារ' },
  { en: 'Prey Veng', km: 'ព្រៃវែង' },
  { en: 'Pursat', km: 'ពោធិ៍សាត់' },
  { en: 'Ratanakiri', km: 'រតនគិរី' },
  { en: 'Siem Reap', km: 'សៀមរាប' },
  { en: 'Stung Treng', km: 'ស្ទឹងត្រែង' },
  { en: 'Svay Rieng', km: 'ស្វាយរៀង' },
  { en: 'Takeo', km: 'តាកែវ' },
  { en: 'Tbong Khmum', km: 'ត្បូងឃ្មុំ' },
] as const satisfies readonly { en: string; km: string }[];

export type Province = (typeof provinces)[number]['en'];
export const provinceNames = provinces.map((p) => p.en) as [Province, ...Province[]];

export function isProvince(name: string): name is Province {
  return (provinceNames as readonly string[]).includes(name);
}

/** The khans of Phnom Penh, offered as suggestions (most orders are delivered in the capital). */
export const phnomPenhKhans: readonly { en: string; km: string }[] = [
  { en: 'Boeng Keng Kang', km: 'បឹងកេងកង' },
  { en: 'Chamkar Mon', km: 'ចំការមន' },
  { en: 'Chbar Ampov', km: 'ច្បារអំពៅ' },
  { en: 'Chroy Changvar', km: 'ជ្រោយចង្វារ' },
  { en: 'Dangkao', km: 'ដង្កោ' },
  { en: 'Daun Penh', km: 'ដូនពេញ' },
  { en: 'Kamboul', km: 'កំបូល' },
  { en: 'Mean Chey', km: 'មានជ័យ' },
  { en: 'Pou Senchey', km: 'ពោធិ៍សែនជ័យ' },
  { en: 'Prampir Meakkakra', km: '៧មករា' },
  { en: 'Prek Pnov', km: 'ព្រែកព្នៅ' },
  { en: 'Russey Keo', km: 'ឬស្សីកែវ' },
  { en: 'Sen Sok', km: 'សែនសុខ' },
  { en: 'Tuol Kouk', km: 'ទួលគោក' },
];

/** A province's name in the page's language (a name not in the list is shown as it was saved). */
export function provinceName(saved: string, locale: Locale): string {
  return provinces.find((p) => p.en === saved)?.[locale] ?? saved;
}

// --- delivery rates ---------------------------------------------------------------------------------------------

/** What delivery to one province costs and takes, as the shop's pricing resolves it. */
export interface DeliveryRate {
  province: Province;
  delivers: boolean;
  feeCents: number;
  minDays: number;
  maxDays: number;
  /** Orders from this subtotal up are delivered free here; null: never free. */
  freeFromCents: number | null;
}

/**
 * Every delivery term the shop prices with, resolved for each province: what the web shop's pages show (GET /shop)
 * and what the server charges, from the same numbers. `feeCents`, the days and `freeFromCents` are the shop's
 * standard, used where a province has no rate of its own and for an address saved with a province not in the list.
 */
export interface DeliveryTerms {
  feeCents: number;
  freeFromCents: number | null;
  minDays: number;
  maxDays: number;
  rates: DeliveryRate[];
}

export function deliveryTerms(pricing: Pricing): DeliveryTerms {
  const own = new Map(pricing.provinceRates.map((rate) => [rate.province, rate]));
  const refused = new Set(pricing.noDeliveryTo);
  const standard = {
    feeCents: pricing.deliveryFeeCents,
    freeFromCents: pricing.freeDeliveryFromCents,
    minDays: pricing.deliveryDays.min,
    maxDays: pricing.deliveryDays.max,
  };
  return {
    ...standard,
    rates: provinceNames.map((province) => {
      const rate = own.get(province);
      return {
        province,
        delivers: !refused.has(province),
        feeCents: rate?.feeCents ?? standard.feeCents,
        minDays: rate?.minDays ?? standard.minDays,
        maxDays: rate?.maxDays ?? standard.maxDays,
        freeFromCents: rate && rate.freeFromCents !== undefined ? rate.freeFromCents : standard.freeFromCents,
      };
    }),
  };
}

export type DeliveryQuote =
  { delivers: false } | { delivers: true; feeCents: number; minDays: number; maxDays: number; free: boolean };

/** What delivering an order of this subtotal to this province costs and takes (the server charges exactly this). */
export function quoteDelivery(terms: DeliveryTerms, province: string, subtotalCents: number): DeliveryQuote {
  const rate = terms.rates.find((r) => r.province === province) ?? { ...terms, delivers: true };
  if (!rate.delivers) return { delivers: false };
  const free = rate.freeFromCents !== null && subtotalCents >= rate.freeFromCents;
  return {
    delivers: true,
    feeCents: free ? 0 : rate.feeCents,
    minDays: rate.minDays,
    maxDays: rate.maxDays,
    free,
  };
}

/** When a delivery arrives, in words: "today or tomorrow", "in 2–4 days" (days after payment, when the goods can leave). */
export function deliveryEta(minDays: number, maxDays: number, locale: Locale): string {
  const km = locale === 'km';
  const day = (n: number) =>
    n === 0 ? (km ? 'ថ្ងៃនេះ' : 'today') : n === 1 ? (km ? 'ថ្ងៃស្អែក' : 'tomorrow') : null;
  if (maxDays <= 1) {
    const first = day(minDays)!;
    const last = day(maxDays)!;
    return minDays === maxDays ? first : km ? `${first} ឬ${last}` : `${first} or ${last}`;
  }
  const span = minDays === maxDays ? `${maxDays}` : `${minDays}–${maxDays}`;
  return km ? `ក្នុងរយៈពេល ${span} ថ្ងៃ` : `in ${span} days`;
}
