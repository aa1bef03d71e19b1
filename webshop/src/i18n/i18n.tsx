import type { Locale } from '@shop/shared';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

const STORAGE_KEY = 'shop.locale';

interface LocaleState {
  locale: Locale;
  /** Changes the page's language and remembers it on this device (LocaleSync also keeps it on the account). */
  setLocale: (locale: Locale) => void;
}

const LocaleContext = createContext<LocaleState | null>(null);

function initialLocale(): Locale {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved === 'en' || saved === 'km') return saved;
  return navigator.language.toLowerCase().startsWith('km') ? 'km' : 'en';
}

export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const setLocale = useCallback((next: Locale) => {
    localStorage.setItem(STORAGE_KEY, next);
    setLocaleState(next);
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
