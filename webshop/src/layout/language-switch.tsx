import { cn, useLocale, useMessages } from '@shop/ui';
import type { Locale } from '@shop/shared';
import { layoutText } from './messages';

const names: Record<Locale, string> = { en: 'English', km: 'ខ្មែរ' };

/** English | ខ្មែរ: each name written in its own language so either reader finds it. */
export function LanguageSwitch({ className }: { className?: string }) {
  const { locale, setLocale } = useLocale();
  const t = useMessages(layoutText);
  return (
    <div
      role="group"
      aria-label={t.language}
      className={cn('inline-flex rounded-full bg-slate-100 p-0.5 text-sm', className)}
    >
      {(['en', 'km'] as const).map((option) => (
        <button
          key={option}
          type="button"
          lang={option}
          aria-pressed={locale === option}
          onClick={() => setLocale(option)}
          className={cn(
            'rounded-full px-2.5 py-1 font-medium sm:px-3',
            locale === option ? 'bg-white text-ink shadow-sm' : 'text-muted hover:text-ink',
          )}
        >
          {names[option]}
        </button>
      ))}
    </div>
  );
}
