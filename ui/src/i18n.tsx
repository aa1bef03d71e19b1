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

/**
 * The page's language, remembered on this device under `storageKey`: the web shop keeps one per browser, the
 * counter one per cashier (its key names the cashier, so a switch of cashier switches the language with them).
 */
export function LocaleProvider({ storageKey, children }: { storageKey: string; children: ReactNode }) {
  const [chosen, setChosen] = useState(() => ({ key: storageKey, locale: savedLocale(storageKey) }));
  // Another key (another cashier at the counter): their own saved choice, adjusted while rendering (no flash).
  if (chosen.key !== storageKey) setChosen({ key: storageKey, locale: savedLocale(storageKey) });
  const locale = chosen.key === storageKey ? chosen.locale : savedLocale(storageKey);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const setLocale = useCallback(
    (next: Locale) => {
      localStorage.setItem(storageKey, next);
      setChosen({ key: storageKey, locale: next });
    },
    [storageKey],
  );

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
