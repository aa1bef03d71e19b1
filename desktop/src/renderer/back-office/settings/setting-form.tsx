import type { AdminSetting } from '@shop/shared';
import { Button, FormAlert, SelectField, TextAreaField, TextField, useMessages } from '@shop/ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type ReactNode } from 'react';
import { api, isApiError, problemOf } from '../api';
import { parsed, read, shown, write, type SettingField } from './setting-values';
import { settingsTexts } from './texts';

export type { SettingField } from './setting-values';

type Draft = Record<string, string | boolean>;

/**
 * One setting as a form: its fields from the value the server uses now, sent whole to `PUT /admin/settings/:key`;
 * the server's shared rules answer per field, and each message is put under its field.
 */
export function SettingForm({
  setting,
  fields,
  title,
  lead,
  children,
}: {
  setting: AdminSetting;
  fields: SettingField[];
  title: string;
  lead?: ReactNode;
  children?: ReactNode;
}) {
  const t = useMessages(settingsTexts);
  const queries = useQueryClient();
  const initial = () =>
    Object.fromEntries(
      fields.map((field) => [field.path, shown(field, read(setting.value, field.path))]),
    ) as Draft;
  const [draft, setDraft] = useState<Draft>(initial);
  const save = useMutation({
    mutationFn: () => {
      const value =
        setting.value && typeof setting.value === 'object'
          ? structuredClone(setting.value as Record<string, unknown>)
          : {};
      for (const field of fields)
        if (!field.when || field.when(draft)) write(value, field.path, parsed(field, draft[field.path]!));
        else write(value, field.path, undefined);
      return api.changeSetting({ params: { key: setting.key }, body: { value } });
    },
    onSuccess: () => void queries.invalidateQueries({ queryKey: ['settings'] }),
  });
  const errors = isApiError(save.error) ? save.error.fields : {};
  const unplaced = Object.entries(errors).filter(([path]) => !fields.some((field) => field.path === path));

  return (
    <form
      aria-label={title}
      noValidate
      className="space-y-4 rounded-card border border-line bg-white p-5"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <div>
        <h2 className="text-lg font-semibold">{title}</h2>
        {lead && <p className="text-sm text-muted">{lead}</p>}
      </div>
      {setting.problem && <FormAlert tone="info">{t.storedProblem(setting.problem)}</FormAlert>}
      <div className="grid grid-cols-2 gap-4 max-[1100px]:grid-cols-1">
        {fields
          .filter((field) => !field.when || field.when(draft))
          .map((field) => (
            <FieldControl
              key={field.path}
              field={field}
              value={draft[field.path]!}
              error={errors[field.path]}
              onChange={(value) => setDraft((current) => ({ ...current, [field.path]: value }))}
            />
          ))}
      </div>
      {children}
      {save.isSuccess && <FormAlert tone="success">{t.saved}</FormAlert>}
      {save.isError && (unplaced.length > 0 || Object.keys(errors).length === 0) && (
        <FormAlert>
          {Object.keys(errors).length === 0
            ? problemOf(save.error)
            : unplaced.map(([path, message]) => `${path}: ${message}`).join(' · ')}
        </FormAlert>
      )}
      <div className="flex justify-end">
        <Button type="submit" busy={save.isPending}>
          {t.save}
        </Button>
      </div>
    </form>
  );
}

function FieldControl({
  field,
  value,
  error,
  onChange,
}: {
  field: SettingField;
  value: string | boolean;
  error?: string;
  onChange: (value: string | boolean) => void;
}) {
  const id = useId();
  if (field.kind === 'bool')
    return (
      <div className="space-y-1 self-end">
        <div className="flex items-center gap-2">
          <input
            id={id}
            type="checkbox"
            checked={value === true}
            onChange={(event) => onChange(event.target.checked)}
            className="size-5 rounded border-line accent-brand-600"
          />
          <label htmlFor={id} className="font-medium">
            {field.label}
          </label>
        </div>
        {error && <p className="text-sm text-red-700">{error}</p>}
      </div>
    );
  const text = typeof value === 'string' ? value : '';
  if (field.kind === 'select')
    return (
      <SelectField
        label={field.label}
        hint={field.hint}
        error={error}
        value={text}
        onChange={(event) => onChange(event.target.value)}
      >
        {field.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </SelectField>
    );
  if (field.kind === 'text' && field.multiline)
    return (
      <TextAreaField
        label={field.label}
        hint={field.hint}
        error={error}
        value={text}
        rows={2}
        className="col-span-full"
        onChange={(event) => onChange(event.target.value)}
      />
    );
  return (
    <TextField
      label={field.label}
      hint={field.hint}
      error={error}
      value={text}
      inputMode={field.kind === 'text' ? undefined : 'decimal'}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}
