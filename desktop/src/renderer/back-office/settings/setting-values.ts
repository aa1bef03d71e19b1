import type { ReactNode } from 'react';

/**
 * How a field of a setting is edited. Values travel as the setting's JSON: money in cents (typed in dollars here),
 * numbers as numbers; what a person typed that is not a number goes as typed, so the server's rule says what to enter.
 */
export type FieldKind =
  | { kind: 'text'; multiline?: boolean }
  | { kind: 'number'; step?: number }
  | { kind: 'usd' }
  | { kind: 'bool' }
  | { kind: 'select'; options: readonly { value: string; label: string }[] };

export type SettingField = FieldKind & {
  /** The field's path in the setting's value, dotted for nested ones (`discountLimitPercent.staff`). */
  path: string;
  label: string;
  hint?: ReactNode;
  /** Shown only while this says so (a merchant account's own fields). */
  when?: (draft: Record<string, unknown>) => boolean;
};

/** A field of a setting's value by its dotted path (undefined when a part is missing). */
export function read(value: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (at, part) => (at && typeof at === 'object' ? (at as Record<string, unknown>)[part] : undefined),
      value,
    );
}

/** Sets a field by its dotted path, copying the objects on the way (the value the server answered stays as it was). */
export function write(target: Record<string, unknown>, path: string, value: unknown) {
  const parts = path.split('.');
  let at = target;
  for (const part of parts.slice(0, -1)) {
    const next = at[part];
    at = at[part] = next && typeof next === 'object' ? { ...(next as Record<string, unknown>) } : {};
  }
  at[parts.at(-1)!] = value;
}

/** The form's text for a stored value: cents as dollars, null as empty. */
export function shown(field: SettingField, value: unknown): string | boolean {
  if (field.kind === 'bool') return value === true;
  if (value === null || value === undefined) return '';
  if (field.kind === 'usd' && typeof value === 'number') return (value / 100).toFixed(2);
  return String(value);
}

/** The value to send for what the form holds. */
export function parsed(field: SettingField, text: string | boolean): unknown {
  if (typeof text === 'boolean') return text;
  const trimmed = text.trim();
  if (field.kind === 'number')
    return trimmed === '' ? null : Number.isFinite(Number(trimmed)) ? Number(trimmed) : trimmed;
  if (field.kind === 'usd') {
    if (trimmed === '') return null;
    const dollars = Number(trimmed.replace(/^\$/, ''));
    return Number.isFinite(dollars) ? Math.round(dollars * 100) : trimmed;
  }
  return text;
}
