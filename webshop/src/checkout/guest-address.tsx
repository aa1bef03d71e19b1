import { SelectField, TextField, useLocale, useMessages } from '@shop/ui';
import { guestDeliveryAddressSchema, provinces } from '@shop/shared';
import type { z } from 'zod';
import { useFieldProps } from '../auth/field-error';
import { useShopForm, type ShopForm } from '../ui/form';
import { guestCheckoutText } from './guest-messages';

export type GuestAddressForm = ShopForm<z.input<typeof guestDeliveryAddressSchema>>;

export function useGuestAddressForm(failed: string): GuestAddressForm {
  return useShopForm(
    guestDeliveryAddressSchema,
    { houseStreet: '', sangkat: '', khan: '', province: 'Phnom Penh' },
    { failed },
  );
}

/** Where a guest's delivery goes: the parts of a Cambodian address a driver needs; the guest receives it. */
export function GuestAddressFields({ form }: { form: GuestAddressForm }) {
  const t = useMessages(guestCheckoutText);
  const field = useFieldProps(form);
  const { locale } = useLocale();
  return (
    <fieldset className="space-y-3 rounded-card border border-line p-4">
      <legend className="px-1 text-sm font-semibold">{t.deliveryAddress}</legend>
      <TextField label={t.houseStreet} autoComplete="address-line1" {...field('houseStreet')} />
      <TextField label={t.sangkat} {...field('sangkat')} />
      <TextField label={t.khan} {...field('khan')} />
      <SelectField label={t.province} autoComplete="address-level1" {...field('province')}>
        {provinces.map((p) => (
          <option key={p.en} value={p.en}>
            {p[locale]}
          </option>
        ))}
      </SelectField>
      <TextField label={t.landmark} {...field('landmark')} />
    </fieldset>
  );
}
