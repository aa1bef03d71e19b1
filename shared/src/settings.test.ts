import { describe, expect, it } from 'vitest';
import {
  counterPolicySchema,
  DEFAULT_COUNTER_POLICY,
  invoiceVatSettingSchema,
  pricingSchema,
  shopIdentitySchema,
} from './settings';

/** The settings' shared rules as a person entering them meets them: one clear problem per field. */
const problems = (result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}) => Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join('.'), issue.message]));

describe('settings rules', () => {
  it('shop identity: blanks clear a field, emails are lower-cased, hidden characters and bad links are refused', () => {
    expect(
      shopIdentitySchema.parse({
        name: ' Angkor PC ',
        nameKm: 'អង្គរ ភីស៊ី',
        logoUrl: '',
        supportEmail: 'Hello@AngkorPC.example',
        phone: '+855 12 345 678',
        address: '   ',
      }),
    ).toEqual({
      name: 'Angkor PC',
      nameKm: 'អង្គរ ភីស៊ី',
      logoUrl: null,
      supportEmail: 'hello@angkorpc.example',
      phone: '+855 12 345 678',
      address: null,
      hours: null,
    });
    expect(
      problems(
        shopIdentitySchema.safeParse({
          name: 'Winner\u202e',
          nameKm: '',
          logoUrl: 'javascript:alert(1)',
          supportEmail: 'nobody',
          phone: 'call us',
          address: 'line one\nline two',
        }),
      ),
    ).toEqual({
      name: 'remove control characters and direction marks',
      nameKm: "enter the shop's name in Khmer",
      logoUrl: 'enter the full address of the logo picture, starting with https://',
      supportEmail: 'enter an email address such as shop@example.com',
      phone: 'enter a phone number such as 012 345 678 or +855 12 345 678',
      address: 'remove control characters and direction marks',
    });
  });

  it('pricing: whole riel per dollar in a sane range, fees in cents with limits said in dollars', () => {
    expect(
      problems(
        pricingSchema.safeParse({ rielPerUsd: 4.1, deliveryFeeCents: 100_01, freeDeliveryFromCents: -1 }),
      ),
    ).toEqual({
      rielPerUsd: 'enter whole riel per US dollar, e.g. 4100',
      deliveryFeeCents: 'the delivery fee can be at most $100.00',
      freeDeliveryFromCents: 'the free-delivery threshold cannot be negative',
    });
    expect(
      pricingSchema.parse({ rielPerUsd: 4050, deliveryFeeCents: 0, freeDeliveryFromCents: null }),
    ).toEqual({
      rielPerUsd: 4050,
      deliveryFeeCents: 0,
      freeDeliveryFromCents: null,
      // A value saved before rates per province: the standard days and the Cambodian defaults.
      deliveryDays: { min: 2, max: 4 },
      provinceRates: expect.arrayContaining([
        { province: 'Phnom Penh', feeCents: 150, minDays: 0, maxDays: 1 },
      ]),
      noDeliveryTo: [],
    });
  });

  it('VAT: a registered shop needs its TIN; the rate is 10 % unless said otherwise', () => {
    expect(problems(invoiceVatSettingSchema.safeParse({ registered: true }))).toEqual({
      tin: 'a VAT-registered shop prints its TIN on every tax invoice: enter it',
    });
    expect(invoiceVatSettingSchema.parse({ registered: true, tin: ' K001-901234567 ' })).toEqual({
      registered: true,
      ratePercent: 10,
      tin: 'K001-901234567',
    });
    expect(invoiceVatSettingSchema.parse({ registered: false })).toEqual({
      registered: false,
      ratePercent: 10,
      tin: '',
    });
  });

  it('counter policy: a Khmer footer or none, 80 mm or A4, staff never allowed more off than admins', () => {
    expect(counterPolicySchema.parse(DEFAULT_COUNTER_POLICY)).toEqual(DEFAULT_COUNTER_POLICY);
    expect(
      counterPolicySchema.parse({
        receiptFooter: ' ទំនិញទិញហើយ ប្ដូរបានក្នុង ៧ ថ្ងៃ ',
        receiptPaper: 'a4',
        discountLimitPercent: { staff: 0, admin: 0 },
      }),
    ).toMatchObject({ receiptFooter: 'ទំនិញទិញហើយ ប្ដូរបានក្នុង ៧ ថ្ងៃ', receiptPaper: 'a4' });
    expect(counterPolicySchema.parse({ ...DEFAULT_COUNTER_POLICY, receiptFooter: '  ' }).receiptFooter).toBe(
      null,
    );
    expect(
      problems(
        counterPolicySchema.safeParse({
          receiptFooter: 'x'.repeat(201),
          receiptPaper: 'a5',
          discountLimitPercent: { staff: 12.5, admin: 101 },
        }),
      ),
    ).toEqual({
      receiptFooter: 'use at most 200 characters',
      receiptPaper: 'enter slip80 (the 80 mm receipt roll) or a4 (a sheet of A4)',
      'discountLimitPercent.staff': 'enter a whole percent from 0 to 100',
      'discountLimitPercent.admin': 'enter a whole percent from 0 to 100',
    });
    expect(
      problems(
        counterPolicySchema.safeParse({
          receiptFooter: 'Thanks\u202e',
          receiptPaper: 'slip80',
          discountLimitPercent: { staff: 30, admin: 20 },
        }),
      ),
    ).toEqual({
      receiptFooter: 'remove control characters and direction marks',
      'discountLimitPercent.staff':
        "staff may not take off more than admins may (20 %): enter at most 20, or raise the admins' limit",
    });
  });
});
