import type { OpenClaimInput } from '@shop/shared';
import { Button, buttonClass, FormAlert, TextAreaField, TextField, useMessages } from '@shop/ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, isApiError, problemOf } from '../api';
import { repairTexts } from './texts';

/** A unit taken in at the counter: its serial (scanned), the fault, what came with it, and who brings it. */
export function OpenClaim() {
  const t = useMessages(repairTexts);
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const [form, setForm] = useState({
    serial: params.get('serial') ?? '',
    fault: '',
    accessories: '',
    customerName: '',
    customerPhone: '',
    customerEmail: '',
  });
  const set = (key: keyof typeof form) => (event: { target: { value: string } }) =>
    setForm((current) => ({ ...current, [key]: event.target.value }));
  const open = useMutation({
    mutationFn: (body: OpenClaimInput) => api.openClaim({ body }),
    onSuccess: (claim) => {
      void queries.invalidateQueries({ queryKey: ['repairs'] });
      void navigate(`/back-office/repairs/${claim.id}`);
    },
  });
  const fields = isApiError(open.error) ? open.error.fields : {};
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const optional = (value: string) => value.trim() || undefined;
    open.mutate({
      serial: form.serial.trim(),
      fault: form.fault,
      accessories: optional(form.accessories),
      customerName: optional(form.customerName),
      customerPhone: optional(form.customerPhone),
      customerEmail: optional(form.customerEmail),
    });
  };
  return (
    <section className="max-w-2xl space-y-4">
      <Link to="/back-office/repairs" className={buttonClass('ghost', 'sm', '-ml-3')}>
        ← {t.back}
      </Link>
      <h1 className="text-2xl font-semibold">{t.openTitle}</h1>
      <form onSubmit={submit} className="space-y-4 rounded-card border border-line bg-white p-5">
        {open.isError && <FormAlert>{problemOf(open.error)}</FormAlert>}
        <TextField
          label={t.serial}
          value={form.serial}
          onChange={set('serial')}
          autoFocus={!form.serial}
          autoComplete="off"
          spellCheck={false}
          required
          error={fields.serial}
        />
        <TextAreaField
          label={t.fault}
          value={form.fault}
          onChange={set('fault')}
          required
          error={fields.fault}
        />
        <TextField label={t.accessories} value={form.accessories} onChange={set('accessories')} />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label={t.customerName}
            value={form.customerName}
            onChange={set('customerName')}
            error={fields.customerName}
          />
          <TextField label={t.customerPhone} value={form.customerPhone} onChange={set('customerPhone')} />
        </div>
        <TextField
          label={t.customerEmail}
          type="email"
          value={form.customerEmail}
          onChange={set('customerEmail')}
          error={fields.customerEmail}
        />
        <Button type="submit" busy={open.isPending}>
          {t.create}
        </Button>
      </form>
    </section>
  );
}
