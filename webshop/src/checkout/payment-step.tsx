import { TextAreaField, useMessages } from '@shop/ui';
import { formatKhr, formatUsd } from '@shop/shared';
import { QrCode } from 'lucide-react';
import { ChoiceCard, ChoiceGroup } from './choice-card';
import type { CheckoutForm } from './checkout-form';
import { checkoutText } from './messages';

/** KHQR in dollars or in riel (the code is made in that currency), and a note for the shop. */
export function PaymentStep({
  form,
  totalCents,
  totalKhr,
}: {
  form: CheckoutForm;
  totalCents: number;
  totalKhr: number;
}) {
  const t = useMessages(checkoutText);
  return (
    <div className="space-y-4">
      <p className="flex gap-3 rounded-lg bg-slate-50 px-4 py-3 text-sm">
        <QrCode className="mt-0.5 size-5 shrink-0 text-brand-600" aria-hidden="true" />
        {t.payWith}
      </p>
      <ChoiceGroup legend={t.currencyLabel} legendClassName="mb-2 text-sm font-semibold">
        <ChoiceCard
          {...form.register('currency')}
          value="USD"
          title={t.usd}
          aside={<span className="tabular-nums">{formatUsd(totalCents)}</span>}
        />
        <ChoiceCard
          {...form.register('currency')}
          value="KHR"
          title={t.khr}
          aside={<span className="tabular-nums">{formatKhr(totalKhr)}</span>}
        />
      </ChoiceGroup>
      <TextAreaField
        label={t.note}
        hint={t.noteHint}
        maxLength={500}
        rows={3}
        className="[&_textarea]:min-h-20"
        error={form.formState.errors.note?.message}
        {...form.register('note')}
      />
    </div>
  );
}
