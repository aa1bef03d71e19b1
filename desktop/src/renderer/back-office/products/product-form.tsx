import {
  specAttributes,
  type AdminProduct,
  type Category,
  type ProductInput,
  type SpecAttribute,
  type Specs,
} from '@shop/shared';
import { Button, FormAlert, SelectField, TextAreaField, TextField, useLocale, useMessages } from '@shop/ui';
import { useState, type FormEvent } from 'react';
import { api, isApiError, problemOf } from '../api';
import { BarcodeField } from './barcode-field';
import { centsOfText, textOfCents } from './money-input';
import { PreOrderFields, preOrderDraftOf, preOrderOf, type PreOrderDraft } from './pre-order-fields';
import { categoryName, categoryTree, useBrands, useCategories } from './taxonomy';
import { productTexts } from './texts';

/** The form's fields as typed: text until saved, then turned into the route's body. */
interface Draft {
  name: string;
  sku: string;
  barcode: string;
  slug: string;
  categoryId: string;
  brandId: string;
  description: string;
  descriptionKm: string;
  price: string;
  compareAt: string;
  cost: string;
  warrantyMonths: string;
  serialized: boolean;
  active: boolean;
  lowStockThreshold: string;
  reorderLevel: string;
  preOrder: PreOrderDraft;
  specs: Record<string, string>;
}

function draftOf(product: AdminProduct | null): Draft {
  const specs: Record<string, string> = {};
  // The detail gives specs formatted for customers; their raw values are what the form edits.
  for (const spec of product?.specs ?? []) specs[spec.key] = String(spec.value);
  return {
    name: product?.name ?? '',
    sku: product?.sku ?? '',
    barcode: product?.barcode ?? '',
    slug: product?.slug ?? '',
    categoryId: product?.category.id ?? '',
    brandId: product?.brand.id ?? '',
    description: product?.description ?? '',
    descriptionKm: product?.descriptionKm ?? '',
    price: textOfCents(product?.priceCents),
    compareAt: textOfCents(product?.compareAtCents),
    cost: textOfCents(product?.costCents),
    warrantyMonths: String(product?.warrantyMonths ?? 0),
    serialized: product?.serialized ?? false,
    active: product?.active ?? true,
    lowStockThreshold: '',
    reorderLevel:
      product?.reorderLevel === null || product?.reorderLevel === undefined
        ? ''
        : String(product.reorderLevel),
    preOrder: preOrderDraftOf(product?.preOrder ?? null),
    specs,
  };
}

/** The specs as the server takes them: numbers as numbers, yes/no as booleans, empty ones left out. */
function specsOf(attributes: readonly SpecAttribute[], values: Record<string, string>): Specs {
  const specs: Specs = {};
  for (const attribute of attributes) {
    const text = (values[attribute.key] ?? '').trim();
    if (text === '') continue;
    if (attribute.type === 'number') specs[attribute.key] = Number(text);
    else if (attribute.type === 'boolean') specs[attribute.key] = text === 'true';
    else specs[attribute.key] = text;
  }
  return specs;
}

const whole = (text: string) => (text.trim() === '' ? null : Number(text));

/**
 * Creating or changing a product (admins): identity and barcode, category and its specs, prices with the cost price,
 * warranty, serial tracking and reorder level. `onSaved` gets the product as the server answered it.
 */
export function ProductForm({
  product,
  showCost,
  onSaved,
}: {
  product: AdminProduct | null;
  showCost: boolean;
  onSaved: (product: AdminProduct) => void;
}) {
  const t = useMessages(productTexts);
  const { locale } = useLocale();
  const categories = useCategories();
  const brands = useBrands();
  const [draft, setDraft] = useState<Draft>(() => draftOf(product));
  const [fields, setFields] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const category: Category | undefined = categories.data?.find((c) => c.id === draft.categoryId);
  const attributes = category ? specAttributes(category.specKind) : [];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    const price = centsOfText(draft.price);
    const compareAt = centsOfText(draft.compareAt);
    const cost = centsOfText(draft.cost);
    const wrong: Record<string, string> = {};
    if (price === null || Number.isNaN(price)) wrong.priceCents = t.fieldProblem;
    if (Number.isNaN(compareAt)) wrong.compareAtCents = t.fieldProblem;
    if (Number.isNaN(cost)) wrong.costCents = t.fieldProblem;
    for (const attribute of attributes)
      if (attribute.type === 'number' && Number.isNaN(Number(draft.specs[attribute.key] ?? '')))
        wrong[`specs.${attribute.key}`] = t.fieldProblem;
    setFields(wrong);
    if (Object.keys(wrong).length) {
      setProblem(t.fieldProblem);
      return;
    }
    const body: ProductInput = {
      name: draft.name,
      sku: draft.sku,
      barcode: draft.barcode.trim() || null,
      ...(draft.slug.trim() && { slug: draft.slug.trim() }),
      categoryId: draft.categoryId,
      brandId: draft.brandId,
      description: draft.description,
      // Empty clears it: the web shop then shows the English description on Khmer pages.
      descriptionKm: draft.descriptionKm.trim() || null,
      priceCents: price!,
      compareAtCents: compareAt,
      warrantyMonths: whole(draft.warrantyMonths) ?? 0,
      specs: specsOf(attributes, draft.specs),
      serialized: draft.serialized,
      active: draft.active,
      ...(draft.lowStockThreshold.trim() && { lowStockThreshold: Number(draft.lowStockThreshold) }),
      reorderLevel: whole(draft.reorderLevel),
      preOrder: preOrderOf(draft.preOrder),
      ...(showCost && { costCents: cost }),
    };
    setBusy(true);
    try {
      const saved = product
        ? await api.updateProduct({ params: { id: product.id }, body })
        : await api.createProduct({ body });
      setFields({});
      onSaved(saved);
    } catch (failure) {
      setProblem(problemOf(failure));
      if (isApiError(failure)) setFields(failure.fields);
    } finally {
      setBusy(false);
    }
  };

  const error = (key: string) => fields[key];
  return (
    <form
      onSubmit={(event) => void submit(event)}
      className="space-y-5"
      aria-label={product ? t.editTitle : t.createTitle}
    >
      {problem && <FormAlert>{problem}</FormAlert>}
      <div className="grid grid-cols-3 gap-4">
        <TextField
          className="col-span-2"
          label={t.name}
          required
          value={draft.name}
          error={error('name')}
          onChange={(e) => set('name', e.target.value)}
        />
        <TextField
          label={t.sku}
          required
          value={draft.sku}
          error={error('sku')}
          onChange={(e) => set('sku', e.target.value)}
        />
        <BarcodeField
          label={t.barcode}
          hint={t.barcodeHint}
          value={draft.barcode}
          error={error('barcode')}
          onChange={(e) => set('barcode', e.target.value)}
        />
        <SelectField
          label={t.category}
          required
          value={draft.categoryId}
          error={error('categoryId')}
          onChange={(e) => set('categoryId', e.target.value)}
        >
          <option value="">{t.chooseCategory}</option>
          {categoryTree(categories.data ?? []).map(({ category: c, depth }) => (
            <option key={c.id} value={c.id}>
              {'\u2003'.repeat(depth)}
              {categoryName(c, locale)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t.brand}
          required
          value={draft.brandId}
          error={error('brandId')}
          onChange={(e) => set('brandId', e.target.value)}
        >
          <option value="">{t.chooseBrand}</option>
          {(brands.data ?? []).map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t.priceUsd}
          required
          inputMode="decimal"
          value={draft.price}
          error={error('priceCents')}
          onChange={(e) => set('price', e.target.value)}
        />
        <TextField
          label={t.salePriceUsd}
          hint={t.salePriceHint}
          inputMode="decimal"
          value={draft.compareAt}
          error={error('compareAtCents')}
          onChange={(e) => set('compareAt', e.target.value)}
        />
        {showCost && (
          <TextField
            label={t.costUsd}
            hint={t.costHint}
            inputMode="decimal"
            value={draft.cost}
            error={error('costCents')}
            onChange={(e) => set('cost', e.target.value)}
          />
        )}
        <TextField
          label={t.warranty}
          type="number"
          min={0}
          max={120}
          value={draft.warrantyMonths}
          error={error('warrantyMonths')}
          onChange={(e) => set('warrantyMonths', e.target.value)}
        />
        <TextField
          label={t.reorderLevel}
          hint={t.reorderHint}
          type="number"
          min={0}
          value={draft.reorderLevel}
          error={error('reorderLevel')}
          onChange={(e) => set('reorderLevel', e.target.value)}
        />
        {!product && (
          <TextField
            label={t.lowStockThreshold}
            type="number"
            min={0}
            placeholder="3"
            value={draft.lowStockThreshold}
            error={error('lowStockThreshold')}
            onChange={(e) => set('lowStockThreshold', e.target.value)}
          />
        )}
        <TextField
          label={t.slug}
          hint={t.slugHint}
          value={draft.slug}
          error={error('slug')}
          onChange={(e) => set('slug', e.target.value)}
        />
      </div>
      <PreOrderFields
        value={draft.preOrder}
        onChange={(next) => set('preOrder', next)}
        error={error('preOrder.expectedOn') ?? error('preOrder.depositPercent')}
      />
      <div className="flex flex-wrap gap-6">
        <label className="flex items-center gap-2 font-medium">
          <input
            type="checkbox"
            className="h-5 w-5"
            checked={draft.serialized}
            onChange={(e) => set('serialized', e.target.checked)}
          />
          {t.serialized}
        </label>
        {!product && (
          <label className="flex items-center gap-2 font-medium">
            <input
              type="checkbox"
              className="h-5 w-5"
              checked={draft.active}
              onChange={(e) => set('active', e.target.checked)}
            />
            {t.activeYes}
          </label>
        )}
      </div>
      <TextAreaField
        label={t.description}
        rows={3}
        value={draft.description}
        error={error('description')}
        onChange={(e) => set('description', e.target.value)}
      />
      <TextAreaField
        label={t.descriptionKm}
        hint={t.descriptionKmHint}
        lang="km"
        rows={3}
        value={draft.descriptionKm}
        error={error('descriptionKm')}
        onChange={(e) => set('descriptionKm', e.target.value)}
      />
      <fieldset className="rounded-card border border-line p-4">
        <legend className="px-1 font-semibold">{t.specs}</legend>
        {attributes.length === 0 ? (
          <p className="text-muted">{category ? t.noSpecs : t.chooseCategory}</p>
        ) : (
          <div className="grid grid-cols-3 gap-4">
            {attributes.map((attribute) => {
              const label = attribute.unit ? `${attribute.label} (${attribute.unit})` : attribute.label;
              const value = draft.specs[attribute.key] ?? '';
              const change = (next: string) => set('specs', { ...draft.specs, [attribute.key]: next });
              const specError = error(`specs.${attribute.key}`) ?? error(attribute.key);
              return attribute.type === 'boolean' ? (
                <SelectField
                  key={attribute.key}
                  label={label}
                  value={value}
                  error={specError}
                  onChange={(e) => change(e.target.value)}
                >
                  <option value="">{t.notSet}</option>
                  <option value="true">{t.yes}</option>
                  <option value="false">{t.no}</option>
                </SelectField>
              ) : (
                <TextField
                  key={attribute.key}
                  label={label}
                  inputMode={attribute.type === 'number' ? 'decimal' : undefined}
                  value={value}
                  error={specError}
                  onChange={(e) => change(e.target.value)}
                />
              );
            })}
          </div>
        )}
      </fieldset>
      <Button type="submit" size="lg" busy={busy}>
        {product ? t.save : t.create}
      </Button>
    </form>
  );
}
