import { formatShopDate, type BakongTokenStatus } from '@shop/shared';
import { Badge, Button, FormAlert, PasswordField, useLocale, useMessages } from '@shop/ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, isApiError, problemOf } from '../api';
import { settingsTexts } from './texts';
import { tokenExpiry } from './token-warning';

/**
 * The Bakong token: whether one is set, where it comes from and when it expires (warned about 14 days before),
 * never the token itself; a new one is pasted in and replaces it.
 */
export function BakongTokenPanel({ status }: { status: BakongTokenStatus }) {
  const t = useMessages(settingsTexts);
  const { locale } = useLocale();
  const queries = useQueryClient();
  const [token, setToken] = useState('');
  const [said, setSaid] = useState<'tokenSaved' | 'tokenForgotten' | null>(null);
  const save = useMutation({
    mutationFn: (next: string | null) => api.setBakongToken({ body: { token: next } }),
    onMutate: () => setSaid(null),
    onSuccess: (_, next) => {
      setToken('');
      setSaid(next === null ? 'tokenForgotten' : 'tokenSaved');
      void queries.invalidateQueries({ queryKey: ['settings'] });
    },
  });
  const expiry = tokenExpiry(status.expiresAt);
  const day = status.expiresAt ? formatShopDate(status.expiresAt, locale) : '';
  const fields = isApiError(save.error) ? save.error.fields : {};

  return (
    <form
      aria-label={t.tokenTitle}
      noValidate
      className="space-y-4 rounded-card border border-line bg-white p-5"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate(token);
      }}
    >
      <div>
        <h2 className="text-lg font-semibold">{t.tokenTitle}</h2>
        <p className="text-sm text-muted">{t.tokenLead}</p>
      </div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-1 text-sm">
        <dt className="text-muted">{t.source}</dt>
        <dd>
          <Badge tone={status.source === 'none' ? 'danger' : 'neutral'}>{t.tokenSource(status.source)}</Badge>
        </dd>
        <dt className="text-muted">{t.expires}</dt>
        <dd data-testid="token-expiry">
          {status.expiresAt ? day : status.source === 'none' ? '—' : t.expiresUnknown}
        </dd>
      </dl>
      {status.source === 'none' && <FormAlert>{t.tokenNone}</FormAlert>}
      {expiry?.state === 'expired' && <FormAlert>{t.expired(day)}</FormAlert>}
      {expiry?.state === 'soon' && <FormAlert tone="info">{t.expiresSoon(expiry.days, day)}</FormAlert>}
      <PasswordField
        label={t.newToken}
        hint={t.newTokenHint}
        shown={false}
        autoComplete="off"
        value={token}
        error={fields.token}
        onChange={(event) => setToken(event.target.value)}
      />
      {said && <FormAlert tone="success">{t[said]}</FormAlert>}
      {save.isError && !fields.token && <FormAlert>{problemOf(save.error)}</FormAlert>}
      <div className="flex justify-end gap-2">
        {status.set && (
          <Button type="button" variant="ghost" onClick={() => save.mutate(null)}>
            {t.forgetToken}
          </Button>
        )}
        <Button type="submit" busy={save.isPending}>
          {t.saveToken}
        </Button>
      </div>
    </form>
  );
}
