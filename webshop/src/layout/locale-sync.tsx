import { useLocale } from '@shop/ui';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { client, queryKeys } from '../api/client';
import { useMe } from '../api/session';

/**
 * Keeps the language remembered per customer: on sign-in the account's language wins; a change made while signed
 * in is saved to the account (mails follow it too).
 */
export function LocaleSync() {
  const me = useMe();
  const queries = useQueryClient();
  const { locale, setLocale } = useLocale();
  const adoptedFor = useRef<string | null>(null);
  const user = me.data ?? null;

  useEffect(() => {
    if (!user) {
      adoptedFor.current = null;
      return;
    }
    if (adoptedFor.current !== user.id) {
      adoptedFor.current = user.id;
      if (user.locale !== locale) setLocale(user.locale);
      return;
    }
    if (user.locale !== locale) {
      client.updateMe({ body: { locale } }).then(
        (updated) => queries.setQueryData(queryKeys.me, updated.user),
        () => undefined, // the page still switches; the account keeps its old language until next time
      );
    }
  }, [user, locale, setLocale, queries]);

  return null;
}
