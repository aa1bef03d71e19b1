import { describe, expect, it } from 'vitest';
import { deliveryEta, deliveryTerms, provinces, quoteDelivery } from './delivery';
import { pricingSchema, type Pricing } from './settings';

/** The delivery an order pays and the days it is promised, as the server charges it and checkout shows it. */
const pricing: Pricing = pricingSchema.parse({
  rielPerUsd: 4100,
  deliveryFeeCents: 200,
  freeDeliveryFromCents: 10_000,
  deliveryDays: { min: 2, max: 4 },
  provinceRates: [
    { province: 'Phnom Penh', feeCents: 150, minDays: 0, maxDays: 1 },
    { province: 'Kep', feeCents: 300, minDays: 3, maxDays: 5, freeFromCents: null },
    { province: 'Kandal', feeCents: 200, minDays: 1, maxDays: 2, freeFromCents: 5_000 },
  ],
  noDeliveryTo: ['Mondulkiri'],
});
const terms = deliveryTerms(pricing);

describe('delivery quotes', () => {
  it.each([
    // province, subtotal, fee, days (null: not delivered)
    ['Phnom Penh', 2_500, 150, [0, 1]],
    ['Phnom Penh', 10_000, 0, [0, 1]], // the shop's free-delivery threshold, reached
    ['Siem Reap', 2_500, 200, [2, 4]], // no own rate: the standard one
    ['Siem Reap', 9_999, 200, [2, 4]],
    ['Kep', 50_000, 300, [3, 5]], // never free there, whatever the subtotal
    ['Kandal', 5_000, 0, [1, 2]], // its own, lower threshold
    ['Kandal', 4_999, 200, [1, 2]],
    ['Mondulkiri', 2_500, null, null],
    ['Somewhere old', 2_500, 200, [2, 4]], // an address saved before the list: the standard rate
  ] as const)('%s, subtotal %i: fee %s, days %j', (province, subtotal, fee, days) => {
    const quote = quoteDelivery(terms, province, subtotal);
    if (fee === null) return expect(quote).toEqual({ delivers: false });
    expect(quote).toEqual({
      delivers: true,
      feeCents: fee,
      minDays: days![0],
      maxDays: days![1],
      free: fee === 0,
    });
  });

  it('every province has a rate, in the list order, with its name in Khmer', () => {
    expect(terms.rates.map((r) => r.province)).toEqual(provinces.map((p) => p.en));
    expect(provinces).toHaveLength(25);
    expect(provinces.every((p) => /[\u1780-\u17ff]/.test(p.km))).toBe(true);
  });

  it.each([
    [0, 0, 'today', 'ថ្ងៃនេះ'],
    [0, 1, 'today or tomorrow', 'ថ្ងៃនេះ ឬថ្ងៃស្អែក'],
    [1, 1, 'tomorrow', 'ថ្ងៃស្អែក'],
    [1, 2, 'in 1–2 days', 'ក្នុងរយៈពេល 1–2 ថ្ងៃ'],
    [2, 4, 'in 2–4 days', 'ក្នុងរយៈពេល 2–4 ថ្ងៃ'],
    [3, 3, 'in 3 days', 'ក្នុងរយៈពេល 3 ថ្ងៃ'],
  ])('%i–%i days reads "%s"', (min, max, en, km) => {
    expect(deliveryEta(min, max, 'en')).toBe(en);
    expect(deliveryEta(min, max, 'km')).toBe(km);
  });

  it('rates break no rule: no negative fee, the most days not fewer than the fewest, one rate per province', () => {
    const problems = pricingSchema.safeParse({
      ...pricing,
      deliveryDays: { min: 4, max: 2 },
      provinceRates: [
        { province: 'Kep', feeCents: -1, minDays: 1, maxDays: 1 },
        { province: 'Takeo', feeCents: 100, minDays: 3, maxDays: 2 },
        { province: 'Takeo', feeCents: 100, minDays: 1, maxDays: 2 },
        { province: 'Atlantis', feeCents: 100, minDays: 1, maxDays: 2 },
      ],
      noDeliveryTo: ['Narnia'],
    });
    expect(
      Object.fromEntries(
        (problems.error?.issues ?? []).map((issue) => [issue.path.join('.'), issue.message]),
      ),
    ).toEqual({
      'deliveryDays.max': 'the most days cannot be fewer than the fewest',
      'provinceRates.0.feeCents': 'the delivery fee cannot be negative',
      'provinceRates.1.maxDays': 'the most days cannot be fewer than the fewest',
      'provinceRates.3.province': "enter one of Cambodia's provinces, e.g. Siem Reap",
      'noDeliveryTo.0': "enter one of Cambodia's provinces, e.g. Siem Reap",
    });
  });

  it('a province has one rate: a second one is refused by its place in the list', () => {
    const twice = pricingSchema.safeParse({
      ...pricing,
      provinceRates: [...pricing.provinceRates, { province: 'Kep', feeCents: 100, minDays: 1, maxDays: 2 }],
    });
    expect(twice.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['provinceRates.3.province', 'Kep has two rates: keep one'],
    ]);
  });
});
