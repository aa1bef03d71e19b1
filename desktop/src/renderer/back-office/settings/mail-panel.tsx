import { smtpSecurities, type MailSettingsInput, type MailStatus } from '@shop/shared';
import { Button, EmailField, FormAlert, PasswordField, SelectField, TextField, useMessages } from '@shop/ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { api, isApiError, problemOf } from '../api';
import { settingsTexts } from './texts';

interface Draft {
  senderName: string;
  senderAddress: string;
  ownServer: boolean;
  host: string;
  port: string;
  security: (typeof smtpSecurities)[number];
  user: string;
  password: string;
}

const draftOf = (status: MailStatus): Draft => ({
  senderName: status.senderName ?? '',
  senderAddress: status.senderAddress ?? '',
  ownServer: status.smtp !== null,
  host: status.smtp?.host ?? '',
  port: String(status.smtp?.port ?? 587),
  security: status.smtp?.security ?? 'starttls',
  user: status.smtp?.user ?? '',
  password: '',
});

/** An empty password field keeps the stored one (left out of the request); it is never shown back. */
function inputOf(draft: Draft): MailSettingsInput {
  const port = Number(draft.port);
  return {
    senderName: draft.senderName,
    senderAddress: draft.senderAddress,
    smtp: draft.ownServer
      ? {
          host: draft.host,
          port: (Number.isFinite(port) ? port : draft.port) as number,
          security: draft.security,
          user: draft.user,
          ...(draft.password !== '' && { password: draft.password }),
        }
      : null,
  };
}

/** The shop's mail sender and SMTP server, and a test mail to the admin's own address through what is in use. */
export function MailPanel({ status }: { status: MailStatus }) {
  const t = useMessages(settingsTexts);
  const queries = useQueryClient();
  const ownId = useId();
  const [draft, setDraft] = useState(() => draftOf(status));
  const change = (part: Partial<Draft>) => setDraft((current) => ({ ...current, ...part }));
  const save = useMutation({
    mutationFn: () => api.setMailSettings({ body: inputOf(draft) }),
    onSuccess: () => void queries.invalidateQueries({ queryKey: ['settings'] }),
  });
  const test = useMutation({ mutationFn: () => api.sendTestMail({}) });
  const errors = isApiError(save.error) ? save.error.fields : {};

  return (
    <form
      aria-label={t.mailTitle}
      noValidate
      className="space-y-4 rounded-card border border-line bg-white p-5"
      onSubmit={(event) => {
        event.preventDefault();
        test.reset();
        save.mutate();
      }}
    >
      <div>
        <h2 className="text-lg font-semibold">{t.mailTitle}</h2>
        <p className="text-sm text-muted">{t.mailLead}</p>
      </div>
      <p className="text-sm">
        <span className="text-muted">{t.transport}: </span>
        <span data-testid="mail-transport">{t.transportText(status.transport)}</span> ·{' '}
        <span className="font-mono">{status.from}</span>
      </p>
      {status.warning && <FormAlert tone="info">{status.warning}</FormAlert>}
      <div className="grid grid-cols-2 gap-4">
        <TextField
          label={t.senderName}
          value={draft.senderName}
          error={errors.senderName}
          onChange={(event) => change({ senderName: event.target.value })}
        />
        <EmailField
          label={t.senderAddress}
          value={draft.senderAddress}
          error={errors.senderAddress}
          onChange={(event) => change({ senderAddress: event.target.value })}
        />
      </div>
      <div className="flex items-center gap-2">
        <input
          id={ownId}
          type="checkbox"
          checked={draft.ownServer}
          onChange={(event) => change({ ownServer: event.target.checked })}
          className="size-5 rounded border-line accent-brand-600"
        />
        <label htmlFor={ownId} className="font-medium">
          {t.ownServer}
        </label>
      </div>
      {draft.ownServer && (
        <div className="grid grid-cols-[2fr_1fr_1.5fr] gap-4">
          <TextField
            label={t.host}
            value={draft.host}
            error={errors['smtp.host']}
            onChange={(event) => change({ host: event.target.value })}
          />
          <TextField
            label={t.port}
            inputMode="numeric"
            value={draft.port}
            error={errors['smtp.port']}
            onChange={(event) => change({ port: event.target.value })}
          />
          <SelectField
            label={t.security}
            value={draft.security}
            error={errors['smtp.security']}
            onChange={(event) => change({ security: event.target.value as Draft['security'] })}
          >
            {smtpSecurities.map((security) => (
              <option key={security} value={security}>
                {t[security]}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t.user}
            autoComplete="off"
            value={draft.user}
            error={errors['smtp.user']}
            onChange={(event) => change({ user: event.target.value })}
          />
          <PasswordField
            label={t.password}
            shown={false}
            autoComplete="new-password"
            hint={status.smtp?.passwordSet ? t.passwordKept : t.passwordHint}
            value={draft.password}
            error={errors['smtp.password']}
            onChange={(event) => change({ password: event.target.value })}
          />
        </div>
      )}
      {save.isSuccess && <FormAlert tone="success">{t.mailSaved}</FormAlert>}
      {save.isError && Object.keys(errors).length === 0 && <FormAlert>{problemOf(save.error)}</FormAlert>}
      {test.isSuccess && <FormAlert tone="success">{t.testSent(test.data.sentTo)}</FormAlert>}
      {test.isError && <FormAlert>{problemOf(test.error)}</FormAlert>}
      <div className="flex justify-end gap-2">
        <Button
          type="button"
          variant="secondary"
          busy={test.isPending}
          onClick={() => {
            save.reset();
            test.mutate();
          }}
        >
          {t.testMail}
        </Button>
        <Button type="submit" busy={save.isPending}>
          {t.saveMail}
        </Button>
      </div>
    </form>
  );
}
