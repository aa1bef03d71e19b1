import { Button, SelectField, TextField, useMessages } from '@shop/ui';
import type { ReactNode } from 'react';
import { backOfficeTexts } from './texts';

/** What a FilterBar needs of its list's `useListAddress`: the text searched, and clearing every filter. */
export interface SearchedList {
  filters: { q: string };
  setFilters: (changes: { q: string }) => void;
  /** Whether there is anything to clear. */
  filtered: boolean;
  clear: () => void;
}

/**
 * The bar above a back-office list (with `useListAddress` and `PagedList`): the text search, sent with Enter or the
 * form's button so that typing does not fetch a list per letter, then the screen's selects and dates, which apply at
 * once, and "Clear filters" last. `className` lays the bar out for the screen's number of filters.
 */
export function FilterBar({
  className,
  list,
  search = {},
  clearable = true,
  children,
  end,
}: {
  className: string;
  list: SearchedList;
  /** `label` when "Search" alone would not say what is searched. */
  search?: { label?: string; placeholder?: string; className?: string };
  /** False for a list whose few filters are in plain sight: no "Clear filters". */
  clearable?: boolean;
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
        list.setFilters({ q: typeof text === 'string' ? text.trim() : '' });
      }}
    >
      <TextField
        // A new address (back, a link, "Clear") puts its text in the field.
        key={list.filters.q}
        name="q"
        type="search"
        label={search.label ?? frame.search}
        placeholder={search.placeholder}
        defaultValue={list.filters.q}
        className={search.className}
      />
      {children}
      {clearable && <ClearFilters filtered={list.filtered} onClear={list.clear} />}
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
