import { useLocale, useMessages } from '@shop/ui';
import { catalogText } from './messages';

/**
 * The page's language for a field the server sends in English and, when the shop has it, in Khmer: the Khmer text,
 * or the English one and whether it is English (only on Khmer pages).
 */
export function useLocalized(): (en: string, km: string | undefined) => { text: string; english: boolean } {
  const { locale } = useLocale();
  return (en, km) =>
    locale === 'km' && km !== undefined
      ? { text: km, english: false }
      : { text: en, english: locale === 'km' };
}

/** A field in the page's language; on a Khmer page without Khmer text, the English one marked "English". */
export function LocalText({ en, km }: { en: string; km: string | undefined }) {
  const { text, english } = useLocalized()(en, km);
  if (!english) return text;
  return (
    <>
      <span lang="en">{text}</span> <InEnglish />
    </>
  );
}

/** The small mark that says a text on a Khmer page is in English (the shop has no Khmer for it yet). */
export function InEnglish() {
  const t = useMessages(catalogText);
  return (
    <span
      data-in-english
      className="inline-block rounded bg-slate-100 px-1.5 align-middle text-[11px] leading-5 font-medium text-muted"
    >
      {t.inEnglish}
    </span>
  );
}
