import { pricingChannels, type Coupon, type CouponInput, type PricingChannel } from '@shop/shared';
import { Button, Dialog, FormAlert, TextField, useMessages } from '@shop/ui';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, isApiError, problemOf } from '../api';
import { centsOfText, textOfCents } from '../products/money-input';
import { OffFields } from './promotion-form';
import { promotionTexts } from './texts';

interface Draft {
  code: string;
  name: string;
  startsOn: string;
  endsOn: string;
  offBy: 'percent' | 'amount';
  percent: string;
  amount: string;
  minTotal: string;
  maxUses: string;
  maxUsesPerCustomer: string;
  channels: PricingChannel[];
}

function draftOf(coupon: Coupon | null): Draft {
  return {
    code: coupon?.code ?? '',
    name: coupon?.name ?? '',
    startsOn: coupon?.startsOn ?? '',
    endsOn: coupon?.endsOn ?? '',
    offBy: coupon?.amountCents != null ? 'amount' : 'percent',
    percent: coupon?.percent != null ? String(coupon.percent) : '',
    amount: textOfCents(coupon?.amountCents),
    minTotal: textOfCents(coupon?.minTotalCents),
    maxUses: coupon?.maxUses != null ? String(coupon.maxUses) : '',
    maxUsesPerCustomer: coupon?.maxUsesPerCustomer != null ? String(coupon.maxUsesPerCustomer) : '',
    channels: coupon?.channels ?? ['web', 'pos'],
  };
}

const countOrNull = (text: string) => (text.trim() === '' ? null : Number(text));

function inputOf(d: Draft): CouponInput {
  return {
    code: d.code.trim(),
    name: d.name.trim(),
    startsOn: d.startsOn || null,
    endsOn: d.endsOn || null,
    percent: d.offBy === 'percent' ? Number(d.percent) : null,
    amountCents: d.offBy === 'amount' ? centsOfText(d.amount) : null,
    minTotalCents: centsOfText(d.minTotal),
    maxUses: countOrNull(d.maxUses),
    maxUsesPerCustomer: countOrNull(d.maxUsesPerCustomer),
    channels: d.channels,
  };
}

/** Create a coupon, or change one: its code, what it takes off, its limits, days and channels. */
export function CouponDialog({
  coupon,
  open,
  onClose,
  onSaved,
}: {
  coupon: Coupon | null;
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useMessages(promotionTexts);
  const [draft, setDraft] = useState<Draft>(() => draftOf(coupon));
  const save = useMutation({
    mutationFn: (body: CouponInput) =>
      coupon ? api.updateCoupon({ params: { id: coupon.id }, body }) : api.createCoupon({ body }),
    onSuccess: onSaved,
  });
  const fields = isApiError(save.error) ? save.error.fields : {};
  const set = (part: Partial<Draft>) => setDraft((d) => ({ ...d, ...part }));
  const text = (
    key: 'code' | 'name' | 'startsOn' | 'endsOn' | 'minTotal' | 'maxUses' | 'maxUsesPerCustomer',
  ) => ({
    value: draft[key],
    onChange: (event: { target: { value: string } }) => set({ [key]: event.target.value } as Partial<Draft>),
  });
  const toggle = (channel: PricingChannel) =>
    set({
      channels: draft.channels.includes(channel)
        ? draft.channels.filter((c) => c !== channel)
        : pricingChannels.filter((c) => c === channel || draft.channels.includes(c)),
    });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(inputOf(draft));
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => !next && onClose()}
      title={coupon ? t.editCoupon(coupon.code) : t.newCoupon}
      closeLabel={t.closeDialog}
    >
      <form className="space-y-3" noValidate onSubmit={submit} aria-label={t.newCoupon}>
        <TextField
          label={t.code}
          hint={t.codeHint}
          error={fields.code}
          autoCapitalize="characters"
          {...text('code')}
        />
        <TextField label={t.name} hint={t.nameHint} error={fields.name} {...text('name')} />
        <OffFields draft={draft} set={set} fields={fields} />
        <TextField
          label={t.minTotal}
          hint={t.minTotalHint}
          inputMode="decimal"
          error={fields.minTotalCents}
          {...text('minTotal')}
        />
        <div className="grid grid-cols-2 gap-3">
          <TextField
            label={t.maxUses}
            hint={t.noLimit}
            inputMode="numeric"
            error={fields.maxUses}
            {...text('maxUses')}
          />
          <TextField
            label={t.maxUsesPerCustomer}
            hint={t.noLimit}
            inputMode="numeric"
            error={fields.maxUsesPerCustomer}
            {...text('maxUsesPerCustomer')}
          />
        </div>
        <div className="grid grid-cols-2 gap-3">
          <TextField label={t.startsOn} type="date" error={fields.startsOn} {...text('startsOn')} />
          <TextField label={t.endsOn} type="date" error={fields.endsOn} {...text('endsOn')} />
        </div>
        <p className="-mt-2 text-xs text-muted">{t.daysHint}</p>
        <fieldset className="space-y-1">
          <legend className="text-sm font-medium">{t.channels}</legend>
          <div className="flex gap-4 text-sm">
            {pricingChannels.map((channel) => (
              <label key={channel} className="flex items-center gap-1.5">
                <input
                  type="checkbox"
                  checked={draft.channels.includes(channel)}
                  onChange={() => toggle(channel)}
                />
                {channel === 'web' ? t.web : t.pos}
              </label>
            ))}
          </div>
          {fields.channels && <p className="text-sm text-red-700">{fields.channels}</p>}
        </fieldset>
        {save.isError && Object.keys(fields).length === 0 && <FormAlert>{problemOf(save.error)}</FormAlert>}
        <div className="flex justify-end gap-2">
          <Button type="button" variant="ghost" onClick={onClose}>
            {t.cancel}
          </Button>
          <Button type="submit" busy={save.isPending}>
            {coupon ? t.save : t.create}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
