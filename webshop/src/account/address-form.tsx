import {
  Button,
  FormAlert,
  PhoneField,
  SelectField,
  TextAreaField,
  TextField,
  useLocale,
  useMessages,
} from '@shop/ui';
import { addressInputSchema, formatCambodianPhone, type Address, type AddressInput } from '@shop/shared';
import { useId } from 'react';
import { useSaveAddress } from '../api/account';
import { useMe } from '../api/session';
import { useFieldProps } from '../auth/field-error';
import { showOnFields } from '../auth/server-fields';
import { useShopForm } from '../ui/form';
import { addressText } from './messages';
import { phnomPenhKhans, provinces } from '@shop/shared';

type Optional = 'floorUnit' | 'village' | 'landmark' | 'deliveryNotes';
const optionalFields: Optional[] = ['floorUnit', 'village', 'landmark', 'deliveryNotes'];

/**
 * A Cambodian delivery address: house and street, village (phum), sangkat, khan, province, and what helps a driver
 * find it (a landmark, notes). Creates a new address, or changes `address`; used in the account and at checkout.
 */
export function AddressForm({
  address,
  onSaved,
  onCancel,
}: {
  address?: Address;
  onSaved: (address: Address) => void;
  onCancel?: () => void;
}) {
  const t = useMessages(addressText);
  const { locale } = useLocale();
  const me = useMe();
  const save = useSaveAddress();
  const ids = { labels: useId(), khans: useId() };
  const form = useShopForm(
    addressInputSchema,
    {
      label: address?.label ?? t.labelHome,
      recipient: address?.recipient ?? me.data?.name ?? '',
      phone: formatCambodianPhone(address?.phone ?? me.data?.phone ?? ''),
      houseStreet: address?.houseStreet ?? '',
      floorUnit: address?.floorUnit ?? '',
      village: address?.village ?? '',
      sangkat: address?.sangkat ?? '',
      khan: address?.khan ?? '',
      province: address?.province ?? provinces[0]!.en,
      landmark: address?.landmark ?? '',
      deliveryNotes: address?.deliveryNotes ?? '',
      isDefault: address?.isDefault ?? false,
    },
    { failed: t.failed },
  );
  const field = useFieldProps(form);
  const province = form.watch('province');
  // An address saved elsewhere (by staff, an older form) may name a province the list does not have.
  const provinceOptions =
    address && !provinces.some((p) => p.en === address.province)
      ? [...provinces, { en: address.province, km: address.province }]
      : provinces;

  const onSubmit = form.submit(async (values) => {
    const input = { ...values } as AddressInput;
    // Empty optional fields are saved as "none", not as empty text.
    for (const key of optionalFields) if (!input[key]?.trim()) input[key] = null;
    try {
      onSaved(await save.mutateAsync({ id: address?.id, input }));
    } catch (error) {
      if (!showOnFields(form, error)) throw error;
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label={t.recipient} autoComplete="name" {...field('recipient')} />
        <PhoneField label={t.phone} hint={t.phoneHint} {...field('phone')} />
        <TextField
          label={t.houseStreet}
          hint={t.houseStreetHint}
          autoComplete="address-line1"
          {...field('houseStreet')}
        />
        <TextField label={t.floorUnit} autoComplete="address-line2" {...field('floorUnit')} />
        <TextField label={t.village} {...field('village')} />
        <TextField label={t.sangkat} autoComplete="address-level3" {...field('sangkat')} />
        <TextField
          label={t.khan}
          autoComplete="address-level2"
          list={province === 'Phnom Penh' ? ids.khans : undefined}
          {...field('khan')}
        />
        <datalist id={ids.khans}>
          {phnomPenhKhans.map((khan) => (
            <option key={khan.en} value={khan.en}>
              {locale === 'km' ? khan.km : undefined}
            </option>
          ))}
        </datalist>
        <SelectField label={t.province} autoComplete="address-level1" {...field('province')}>
          {provinceOptions.map((p) => (
            <option key={p.en} value={p.en}>
              {p[locale]}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t.landmark}
          hint={t.landmarkHint}
          className="sm:col-span-2"
          {...field('landmark')}
        />
        <TextAreaField
          label={t.deliveryNotes}
          hint={t.deliveryNotesHint}
          className="sm:col-span-2"
          rows={2}
          {...field('deliveryNotes')}
        />
        <TextField
          label={t.label}
          hint={t.labelHint}
          list={ids.labels}
          autoComplete="off"
          {...field('label')}
        />
        <datalist id={ids.labels}>
          {[t.labelHome, t.labelOffice, t.labelShop].map((label) => (
            <option key={label} value={label} />
          ))}
        </datalist>
        {!address?.isDefault && (
          <label className="flex items-center gap-2 self-center text-sm sm:mt-2">
            <input type="checkbox" className="size-4 accent-brand-600" {...form.register('isDefault')} />
            {t.isDefault}
          </label>
        )}
      </div>
      {form.formError && <FormAlert>{form.formError}</FormAlert>}
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        {onCancel && (
          <Button variant="secondary" size="lg" onClick={onCancel}>
            {t.cancel}
          </Button>
        )}
        <Button type="submit" size="lg" busy={form.formState.isSubmitting}>
          {t.save}
        </Button>
      </div>
    </form>
  );
}
