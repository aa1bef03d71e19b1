import { Button, EmailField, PhoneField, TextField, useLocale, useMessages } from '@shop/ui';
import { formatCambodianPhone, guestContactSchema, type GuestContact } from '@shop/shared';
import { UserRound } from 'lucide-react';
import { useFieldProps } from '../auth/field-error';
import { common } from '../i18n/common';
import { useShopForm } from '../ui/form';
import { BuyerSummary } from './buyer-summary';
import { guestCheckoutText } from './guest-messages';

/** Who a guest is: a name, a Cambodian phone number and an email, checked with the schema the server checks. */
export function GuestForm({ onDone }: { onDone: (guest: GuestContact) => void }) {
  const t = useMessages(guestCheckoutText);
  const c = useMessages(common);
  const { locale } = useLocale();
  const form = useShopForm(
    guestContactSchema,
    { name: '', phone: '', email: '' },
    { failed: c.somethingWrong },
  );
  const field = useFieldProps(form);
  // The resolver hands on the parsed values: the phone already in its one stored form.
  const onSubmit = form.submit(async (values) => onDone({ ...(values as GuestContact), locale }));

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <p className="text-sm text-muted">{t.guestHint}</p>
      <TextField label={t.name} autoComplete="name" {...field('name')} />
      <PhoneField label={t.phone} hint={t.phoneHint} {...field('phone')} />
      <EmailField label={t.email} {...field('email')} />
      <Button type="submit" size="lg" className="w-full">
        {t.continue}
      </Button>
    </form>
  );
}

/** The guest's details once given, with a way back to change them. */
export function GuestSummary({ guest, onChange }: { guest: GuestContact; onChange: () => void }) {
  const t = useMessages(guestCheckoutText);
  return (
    <BuyerSummary
      icon={UserRound}
      title={t.orderingAs}
      email={guest.email}
      changeLabel={t.change}
      onChange={onChange}
    >
      <p className="text-sm">
        {guest.name} · {formatCambodianPhone(guest.phone)}
      </p>
    </BuyerSummary>
  );
}
