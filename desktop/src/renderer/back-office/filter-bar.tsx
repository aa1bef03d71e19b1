import { Button, SelectField, TextField, useMessages } from '@shop/ui';
import type { ReactNode } from 'react';
import { backOfficeTexts } from './texts';

/**
 * The bar above a back-office list (with `useListAddress` and `PagedList`): the text search, sent with Enter or the
 * form's button so that typing does not fetch a list per letter, then the screen's selects and dates, which apply at
 * once, and "Clear filters" last. `className` lays the bar out for the screen's number of filters.
 */
export function FilterBar({
  className,
  search,
  onSearch,
  filtered,
  onClear,
  children,
  end,
}: {
  className: string;
  /** The text in the address; `label` when "Search" alone would not say what is searched. */
  search: { value: string; label?: string; placeholder?: string; className?: string };
  onSearch: (text: string) => void;
  /** Whether there is anything to clear. */
  filtered?: boolean;
  /** Without it the bar has no "Clear filters" (a list whose filters are few and in plain sight). */
  onClear?: () => void;
  /** Between the search and "Clear filters". */
  children?: ReactNode;
  /** After "Clear filters" (an action of the screen). */
  end?: ReactNode;
}) {
  const frame = useMessages(backOfficeTexts);
  return (
    <form
      role="search"
      className={className}
      onSubmit={(event) => {
        event.preventDefault();
        const text = new FormData(event.currentTarget).get('q');
        onSearch(typeof text === 'string' ? text.trim() : '');
      }}
    >
      <TextField
        // A new address (back, a link, "Clear") puts its text in the field.
        key={search.value}
        name="q"
        type="search"
        label={search.label ?? frame.search}
        placeholder={search.placeholder}
        defaultValue={search.value}
        className={search.className}
      />
      {children}
      {onClear && <ClearFilters filtered={filtered ?? false} onClear={onClear} />}
      {end}
    </form>
  );
}

/** "Clear filters": back to the whole list. */
export function ClearFilters({ filtered, onClear }: { filtered: boolean; onClear: () => void }) {
  const frame = useMessages(backOfficeTexts);
  return (
    <Button type="button" variant="ghost" disabled={!filtered} onClick={onClear}>
      {frame.clear}
    </Button>
  );
}

/**
 * A select filter of a list. With `all` (the default) its first choice is "All", the empty value; a sort has no "All"
 * and names its default (the empty value) among `options`.
 */
export function FilterSelect({
  label,
  value,
  onChange,
  options,
  all = true,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** `[value, label]` pairs, as the address and the route's query carry the value. */
  options: readonly (readonly [value: string, label: ReactNode])[];
  all?: boolean;
}) {
  const frame = useMessages(backOfficeTexts);
  return (
    <SelectField label={label} value={value} onChange={(event) => onChange(event.target.value)}>
      {all && <option value="">{frame.all}</option>}
      {options.map(([option, text]) => (
        <option key={option} value={option}>
          {text}
        </option>
      ))}
    </SelectField>
  );
}

/** A date filter of a list (a day in shop time, as the address and the route's query carry it). */
export function FilterDate({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <TextField label={label} type="date" value={value} onChange={(event) => onChange(event.target.value)} />
  );
}
