import { Button, cn, InlineError, useMessages } from '@shop/ui';
import { formatUsd, type Category, type ProductFacets } from '@shop/shared';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { catalogText } from './messages';
import { useLocalized } from './local-text';
import { useCategoryName } from './names';
import type { CatalogFilterActions } from './url-filters';

interface FilterPanelProps {
  facets: ProductFacets;
  actions: CatalogFilterActions;
  /** The search page offers a category choice; a category page has its own. */
  showCategories: boolean;
  categories: Category[] | undefined;
}

/** The filters beside (desktop) or in a sheet over (phone) the results; each choice changes the address at once. */
export function FilterPanel({ facets, actions, showCategories, categories }: FilterPanelProps) {
  const t = useMessages(catalogText);
  const categoryName = useCategoryName();
  const localized = useLocalized();
  const { filters } = actions;
  const localName = (slug: string, label: string) => {
    const category = categories?.find((c) => c.slug === slug);
    return category ? categoryName(category) : label;
  };

  return (
    <div className="divide-y divide-line">
      {showCategories && facets.categories.length > 0 && (
        <CategoryChoice
          value={filters.category}
          options={facets.categories.map((o) => ({ ...o, label: localName(o.value, o.label) }))}
          onChange={actions.setCategory}
        />
      )}
      <FilterGroup legend={t.availability}>
        <Check
          label={t.inStockOnly}
          count={facets.inStock}
          checked={filters.inStock}
          onChange={() => actions.setInStock(!filters.inStock)}
        />
      </FilterGroup>
      <PriceFilter
        key={`${filters.minUsd}-${filters.maxUsd}`}
        minUsd={filters.minUsd}
        maxUsd={filters.maxUsd}
        range={facets.price}
        onApply={actions.setPrice}
      />
      {facets.brands.length > 0 && (
        <OptionList
          legend={t.brand}
          options={withChosen(facets.brands, filters.brands)}
          isChecked={(value) => filters.brands.includes(value)}
          onToggle={actions.toggleBrand}
        />
      )}
      {facets.specs
        .filter((spec) => spec.values.length > 0)
        .map((spec) => {
          const chosen = filters.specs
            .filter((s) => s.startsWith(`${spec.key}:`))
            .map((s) => s.slice(spec.key.length + 1));
          return (
            <OptionList
              key={spec.key}
              legend={localized(spec.label, spec.labelKm).text}
              options={withChosen(
                spec.values.map((v) => ({ ...v, label: localized(v.label, v.labelKm).text })),
                chosen,
              )}
              isChecked={(value) => chosen.includes(value)}
              onToggle={(value) => actions.toggleSpec(spec.key, value)}
            />
          );
        })}
    </div>
  );
}

interface Option {
  value: string;
  label: string;
  count: number;
}

/** A chosen value the current results no longer count still needs its box, to be unticked. */
function withChosen(options: Option[], chosen: string[]): Option[] {
  const missing = chosen.filter((value) => !options.some((o) => o.value === value));
  return [...options, ...missing.map((value) => ({ value, label: value, count: 0 }))];
}

function FilterGroup({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset className="py-4 first:pt-0">
      <legend className="float-left mb-2 w-full text-sm font-semibold text-ink">{legend}</legend>
      <div className="clear-left">{children}</div>
    </fieldset>
  );
}

const collapsedCount = 6;

function OptionList({
  legend,
  options,
  isChecked,
  onToggle,
}: {
  legend: string;
  options: Option[];
  isChecked: (value: string) => boolean;
  onToggle: (value: string) => void;
}) {
  const t = useMessages(catalogText);
  const [expanded, setExpanded] = useState(false);
  const long = options.length > collapsedCount + 1;
  // Collapsed, the list still shows every ticked value, wherever it sits.
  const shown =
    long && !expanded ? options.filter((o, index) => index < collapsedCount || isChecked(o.value)) : options;
  return (
    <FilterGroup legend={legend}>
      <ul className="space-y-0.5">
        {shown.map((option) => (
          <li key={option.value}>
            <Check
              label={option.label}
              count={option.count}
              checked={isChecked(option.value)}
              onChange={() => onToggle(option.value)}
            />
          </li>
        ))}
      </ul>
      {long && (
        <button
          type="button"
          aria-expanded={expanded}
          onClick={() => setExpanded(!expanded)}
          className="mt-1 rounded px-1 text-sm font-semibold text-brand-700 hover:underline"
        >
          {expanded ? t.showFewer : t.showAll(options.length)}
        </button>
      )}
    </FilterGroup>
  );
}

function Check({
  label,
  count,
  checked,
  onChange,
}: {
  label: string;
  count: number;
  checked: boolean;
  onChange: () => void;
}) {
  const disabled = count === 0 && !checked;
  return (
    <label
      className={cn(
        'flex min-h-9 cursor-pointer items-center gap-2.5 rounded-md px-1 text-sm hover:bg-slate-50',
        disabled && 'cursor-not-allowed text-slate-400 hover:bg-transparent',
      )}
    >
      <input
        type="checkbox"
        checked={checked}
        disabled={disabled}
        onChange={onChange}
        className="size-4 shrink-0 accent-brand-600"
      />
      <span className="min-w-0 flex-1 break-words">{label}</span>
      <span className="text-xs text-muted tabular-nums">{count}</span>
    </label>
  );
}

function CategoryChoice({
  value,
  options,
  onChange,
}: {
  value: string | null;
  options: Option[];
  onChange: (slug: string | null) => void;
}) {
  const t = useMessages(catalogText);
  const name = useId();
  const total = options.reduce((n, o) => n + o.count, 0);
  const radio = (slug: string | null, label: string, count: number) => (
    <label
      key={slug ?? ''}
      className="flex min-h-9 cursor-pointer items-center gap-2.5 rounded-md px-1 text-sm hover:bg-slate-50"
    >
      <input
        type="radio"
        name={name}
        checked={value === slug}
        onChange={() => onChange(slug)}
        className="size-4 shrink-0 accent-brand-600"
      />
      <span className="min-w-0 flex-1">{label}</span>
      <span className="text-xs text-muted tabular-nums">{count}</span>
    </label>
  );
  return (
    <FilterGroup legend={t.category}>
      {radio(null, t.allCategories, total)}
      {options.map((o) => radio(o.value, o.label, o.count))}
    </FilterGroup>
  );
}

function PriceFilter({
  minUsd,
  maxUsd,
  range,
  onApply,
}: {
  minUsd: number | null;
  maxUsd: number | null;
  range: ProductFacets['price'];
  onApply: (min: number | null, max: number | null) => void;
}) {
  const t = useMessages(catalogText);
  const id = useId();
  const [min, setMin] = useState(minUsd === null ? '' : String(minUsd));
  const [max, setMax] = useState(maxUsd === null ? '' : String(maxUsd));
  const [error, setError] = useState<string | null>(null);
  const parse = (text: string) => {
    const value = Math.floor(Number(text));
    return text.trim() === '' || !Number.isFinite(value) ? null : Math.max(0, value);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const low = parse(min);
    const high = parse(max);
    if (low !== null && high !== null && low > high) return setError(t.priceOrder);
    setError(null);
    onApply(low, high);
  };
  const input =
    'h-10 w-full min-w-0 rounded-lg border border-line bg-white pr-2 pl-6 text-base tabular-nums shadow-sm focus:border-brand-500 focus:ring-2 focus:ring-brand-200 focus:outline-none';
  const placeholder = (cents: number | null, round: (n: number) => number) =>
    cents === null ? undefined : String(round(cents / 100));

  return (
    <FilterGroup legend={t.price}>
      <form onSubmit={submit} noValidate>
        <div className="flex items-end gap-2">
          <div className="min-w-0 flex-1">
            <label htmlFor={`${id}-min`} className="mb-1 block text-xs text-muted">
              {t.from}
              <span className="sr-only"> ({t.minPrice})</span>
            </label>
            <div className="relative">
              <span className="pointer-events-none absolute top-1/2 left-2.5 -translate-y-1/2 text-sm text-muted">
                $
              </span>
              <input
                id={`${id}-min`}
                type="number"
                inputMode="numeric"
                min={0}
                step={1}
                value={min}
                placeholder={placeholder(range.minCents, Math.floor)}
                onChange={(event) => setMin(event.target.value)}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${id}-error` : undefined}
                className={input}
              />
            </div>
          </div>
          <span className="pb-2 text-muted" aria-hidden="true">
            –
          </span>
          <div className="min-w-0 flex-1">
            <label htmlFor={`${id}-max`} className="mb-1 block text-xs text-muted">
              {t.to}
              <span className="sr-only"> ({t.maxPrice})</span>
            </label>
            <div className="relative">
              <span className="pointer-events-none absolute top-1/2 left-2.5 -translate-y-1/2 text-sm text-muted">
                $
              </span>
              <input
                id={`${id}-max`}
                type="number"
                inputMode="numeric"
                min={0}
                step={1}
                value={max}
                placeholder={placeholder(range.maxCents, Math.ceil)}
                onChange={(event) => setMax(event.target.value)}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${id}-error` : undefined}
                className={input}
              />
            </div>
          </div>
        </div>
        {error && (
          <InlineError id={`${id}-error`} className="mt-2">
            {error}
          </InlineError>
        )}
        <div className="mt-2 flex items-center justify-between gap-2">
          <p className="text-xs text-muted tabular-nums">
            {range.minCents !== null &&
              range.maxCents !== null &&
              `${formatUsd(range.minCents)} – ${formatUsd(range.maxCents)}`}
          </p>
          <Button type="submit" variant="secondary" size="sm">
            {t.applyPrice}
          </Button>
        </div>
      </form>
    </FilterGroup>
  );
}
