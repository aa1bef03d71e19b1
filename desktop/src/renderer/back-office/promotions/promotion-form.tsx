import { promotionKinds, type Promotion, type PromotionInput, type PromotionKind } from '@shop/shared';
import { Button, Dialog, FormAlert, SelectField, TextField, useLocale, useMessages } from '@shop/ui';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, isApiError, problemOf } from '../api';
import { centsOfText, textOfCents } from '../products/money-input';
import { categoryName, categoryTree, useBrands, useCategories } from '../products/taxonomy';
import { ProductChoice } from './product-choice';
import { promotionTexts } from './texts';

/** The form's fields as typed: one flat set, of which each kind uses its own. */
interface Draft {
  kind: PromotionKind;
  name: string;
  startsOn: string;
  endsOn: string;
  productId: string;
  salePrice: string;
  categoryId: string;
  brandId: string;
  offBy: 'percent' | 'amount';
  percent: string;
  amount: string;
  minTotal: string;
  freeProductId: string;
  freeQuantity: string;
}

function draftOf(promotion: Promotion | null): Draft {
  const p = promotion as (Promotion & Record<string, unknown>) | null;
  const num = (key: string) => (typeof p?.[key] === 'number' ? (p[key] as number) : null);
  const str = (key: string) => (typeof p?.[key] === 'string' ? (p[key] as string) : '');
  return {
    kind: promotion?.kind ?? 'sale_price',
    name: promotion?.name ?? '',
    startsOn: promotion?.startsOn ?? '',
    endsOn: promotion?.endsOn ?? '',
    productId: str('productId'),
    salePrice: textOfCents(num('salePriceCents')),
    categoryId: str('categoryId'),
    brandId: str('brandId'),
    offBy: num('amountCents') !== null ? 'amount' : 'percent',
    percent: num('percent') === null ? '' : String(num('percent')),
    amount: textOfCents(num('amountCents')),
    minTotal: textOfCents(num('minTotalCents')),
    freeProductId: str('freeProductId'),
    freeQuantity: num('freeQuantity') === null ? '1' : String(num('freeQuantity')),
  };
}

/** The request body for the kind chosen; the server's schema checks the rest and answers field errors. */
function inputOf(d: Draft): PromotionInput {
  const period = { name: d.name.trim(), startsOn: d.startsOn || null, endsOn: d.endsOn || null };
  const cents = (text: string) => centsOfText(text);
  const off = {
    percent: d.offBy === 'percent' ? Number(d.percent) : null,
    amountCents: d.offBy === 'amount' ? cents(d.amount) : null,
  };
  const condition = { minTotalCents: cents(d.minTotal), productIds: [] };
  switch (d.kind) {
    case 'sale_price':
      return { kind: d.kind, ...period, productId: d.productId, salePriceCents: cents(d.salePrice) ?? 0 };
    case 'category_off':
      return { kind: d.kind, ...period, categoryId: d.categoryId, ...off } as PromotionInput;
    case 'brand_off':
      return { kind: d.kind, ...period, brandId: d.brandId, ...off } as PromotionInput;
    case 'cart_discount':
      return { kind: d.kind, ...period, ...condition, ...off } as PromotionInput;
    case 'free_item':
      return {
        kind: d.kind,
        ...period,
        ...condition,
        freeProductId: d.freeProductId,
        freeQuantity: Number(d.freeQuantity),
      };
    case 'free_delivery':
      return { kind: d.kind, ...period, ...condition };
  }
}

/** Create a promotion, or change one: sale price, percent or amount off a category or brand, or a cart rule. */
export function PromotionDialog({
  promotion,
  open,
  onClose,
  onSaved,
}: {
  promotion: Promotion | null;
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useMessages(promotionTexts);
  const { locale } = useLocale();
  const [draft, setDraft] = useState<Draft>(() => draftOf(promotion));
  const categories = useCategories();
  const brands = useBrands();
  const save = useMutation({
    mutationFn: (body: PromotionInput) =>
      promotion ? api.updatePromotion({ params: { id: promotion.id }, body }) : api.createPromotion({ body }),
    onSuccess: onSaved,
  });
  const fields = isApiError(save.error) ? save.error.fields : {};
  const set = (part: Partial<Draft>) => setDraft((d) => ({ ...d, ...part }));
  const text = (key: keyof Draft) => ({
    value: draft[key],
    onChange: (event: { target: { value: string } }) => set({ [key]: event.target.value } as Partial<Draft>),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(inputOf(draft));
  };
  const usesOff = ['category_off', 'brand_off', 'cart_discount'].includes(draft.kind);
  const usesCondition = ['cart_discount', 'free_item', 'free_delivery'].includes(draft.kind);

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => !next && onClose()}
      title={promotion ? t.editPromotion(promotion.name) : t.newPromotion}
      closeLabel={t.closeDialog}
    >
      <form className="space-y-3" noValidate onSubmit={submit} aria-label={t.newPromotion}>
        <SelectField
          label={t.kind}
          value={draft.kind}
          disabled={promotion !== null}
          onChange={(event) => set({ kind: event.target.value as PromotionKind })}
        >
          {promotionKinds.map((kind) => (
            <option key={kind} value={kind}>
              {t.kindName(kind)}
            </option>
          ))}
        </SelectField>
        <TextField label={t.name} hint={t.nameHint} error={fields.name} {...text('name')} />
        <div className="grid grid-cols-2 gap-3">
          <TextField label={t.startsOn} type="date" error={fields.startsOn} {...text('startsOn')} />
          <TextField label={t.endsOn} type="date" error={fields.endsOn} {...text('endsOn')} />
        </div>
        <p className="-mt-2 text-xs text-muted">{t.daysHint}</p>

        {draft.kind === 'sale_price' && (
          <>
            <ProductChoice
              label={t.product}
              productId={draft.productId}
              error={fields.productId}
              onPick={(productId) => set({ productId })}
            />
            <TextField
              label={t.salePrice}
              inputMode="decimal"
              error={fields.salePriceCents}
              {...text('salePrice')}
            />
          </>
        )}
        {draft.kind === 'category_off' && (
          <SelectField label={t.category} error={fields.categoryId} {...text('categoryId')}>
            <option value="">{t.choose}</option>
            {categoryTree(categories.data ?? []).map(({ category, depth }) => (
              <option key={category.id} value={category.id}>
                {`${'  '.repeat(depth)}${categoryName(category, locale)}`}
              </option>
            ))}
          </SelectField>
        )}
        {draft.kind === 'brand_off' && (
          <SelectField label={t.brand} error={fields.brandId} {...text('brandId')}>
            <option value="">{t.choose}</option>
            {(brands.data ?? []).map((brand) => (
              <option key={brand.id} value={brand.id}>
                {brand.name}
              </option>
            ))}
          </SelectField>
        )}
        {usesCondition && (
          <TextField
            label={t.minTotal}
            hint={t.minTotalHint}
            inputMode="decimal"
            error={fields.minTotalCents}
            {...text('minTotal')}
          />
        )}
        {usesOff && <OffFields draft={draft} set={set} fields={fields} />}
        {draft.kind === 'free_item' && (
          <>
            <ProductChoice
              label={t.freeProduct}
              productId={draft.freeProductId}
              error={fields.freeProductId}
              onPick={(freeProductId) => set({ freeProductId })}
            />
            <TextField
              label={t.freeQuantity}
              inputMode="numeric"
              error={fields.freeQuantity}
              {...text('freeQuantity')}
            />
          </>
        )}
        {save.isError && Object.keys(fields).length === 0 && <FormAlert>{problemOf(save.error)}</FormAlert>}
        <div className="flex justify-end gap-2">
          <Button type="button" variant="ghost" onClick={onClose}>
            {t.cancel}
          </Button>
          <Button type="submit" busy={save.isPending}>
            {promotion ? t.save : t.create}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

/** Percent or amount off: exactly one of them, as the rule takes it. */
export function OffFields({
  draft,
  set,
  fields,
}: {
  draft: { offBy: 'percent' | 'amount'; percent: string; amount: string };
  set: (part: { offBy?: 'percent' | 'amount'; percent?: string; amount?: string }) => void;
  fields: Record<string, string>;
}) {
  const t = useMessages(promotionTexts);
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium">{t.offHow}</legend>
      <div className="flex gap-4 text-sm">
        {(['percent', 'amount'] as const).map((how) => (
          <label key={how} className="flex items-center gap-1.5">
            <input type="radio" checked={draft.offBy === how} onChange={() => set({ offBy: how })} />
            {how === 'percent' ? t.percentOff : t.amountOff}
          </label>
        ))}
      </div>
      {draft.offBy === 'percent' ? (
        <TextField
          label={t.percent}
          inputMode="numeric"
          error={fields.percent}
          value={draft.percent}
          onChange={(event) => set({ percent: event.target.value })}
        />
      ) : (
        <TextField
          label={t.amount}
          inputMode="decimal"
          error={fields.amountCents}
          value={draft.amount}
          onChange={(event) => set({ amount: event.target.value })}
        />
      )}
    </fieldset>
  );
}
