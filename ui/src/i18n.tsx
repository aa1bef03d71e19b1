import type { Locale } from '@shop/shared';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

interface LocaleState {
  locale: Locale;
  /** Changes the page's language and remembers it under the provider's storage key. */
  setLocale: (locale: Locale) => void;
}

const LocaleContext = createContext<LocaleState | null>(null);

function savedLocale(storageKey: string): Locale {
  const saved = localStorage.getItem(storageKey);
  if (saved === 'en' || saved === 'km') return saved;
  return navigator.language.toLowerCase().startsWith('km') ? 'km' : 'en';
}

const YEAR_SECONDS = 365 * 24 * 60 * 60;

/**
 * The page's language, remembered on this device under `storageKey`: the web shop keeps one per browser, the
 * counter one per cashier (its key names the cashier, so a switch of cashier switches the language with them).
 *
 * A page the server rendered (the web shop) passes `initialLocale`, the language the server rendered in, so that
 * hydration renders the same text; a different choice saved on this device (from before the server read the
 * cookie) is taken right after. `cookie` also keeps the choice in a cookie of that name, for the server to read.
 */
export function LocaleProvider({
  storageKey,
  initialLocale,
  cookie,
  children,
}: {
  storageKey: string;
  initialLocale?: Locale;
  cookie?: string;
  children: ReactNode;
}) {
  const [chosen, setChosen] = useState(() => ({
    key: storageKey,
    locale: initialLocale ?? savedLocale(storageKey),
  }));
  // Another key (another cashier at the counter): their own saved choice, adjusted while rendering (no flash).
  if (chosen.key !== storageKey) setChosen({ key: storageKey, locale: savedLocale(storageKey) });
  const locale = chosen.key === storageKey ? chosen.locale : savedLocale(storageKey);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const setLocale = useCallback(
    (next: Locale) => {
      localStorage.setItem(storageKey, next);
      if (cookie) document.cookie = `${cookie}=${next}; path=/; max-age=${YEAR_SECONDS}; samesite=lax`;
      setChosen({ key: storageKey, locale: next });
    },
    [storageKey, cookie],
  );

  // Rendered by the server in another language than this device saved (no cookie yet): the saved one wins, and
  // goes into the cookie so the next page comes in it. Nothing saved: the server went by the browser's language.
  useEffect(() => {
    if (!initialLocale) return;
    const saved = localStorage.getItem(storageKey);
    if ((saved === 'en' || saved === 'km') && saved !== initialLocale) setLocale(saved);
    // Once, after hydration: later changes of the choice go through setLocale.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const value = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

export function useLocale(): LocaleState {
  const state = useContext(LocaleContext);
  if (!state) throw new Error('useLocale outside LocaleProvider');
  return state;
}

/**
 * A feature's texts in both languages. The Khmer table must have every key of the English one (the compiler checks),
 * so a missing translation is a build error, not a blank on the page. A text may be a function for values.
 */
export function defineMessages<T extends Record<string, string | ((...args: never[]) => string)>>(messages: {
  en: T;
  km: { [K in keyof T]: T[K] };
}) {
  return messages;
}

/** The texts of a feature in the page's language. */
export function useMessages<T>(messages: { en: T; km: T }): T {
  return messages[useLocale().locale];
}
