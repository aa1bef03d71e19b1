import { z } from 'zod';

/**
 * Text people type into the shop's forms, cleaned at input so that what is stored, shown to staff and put into mails
 * is what a reader sees: no control characters, nothing that reorders text on screen (a right-to-left override turns
 * "moc.evil" into "live.com"), no invisible characters that split a word to slip past a check.
 *
 * Khmer needs care: it writes words without spaces and uses ZERO WIDTH SPACE (U+200B) between them, and ZERO WIDTH
 * NON-JOINER / JOINER (U+200C, U+200D) inside clusters. Those three are kept between Khmer characters and removed
 * anywhere else, where they serve only to hide one word inside another.
 */

// C0 and C1 controls and DEL; tab, line feed and carriage return are dealt with by each cleaner.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
// Embeddings, overrides and isolates: they change the order text is shown in.
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;
// Direction marks: no use in a Latin or Khmer name or address, and they can flip how the text around them reads.
const DIRECTION_MARKS = /[\u200e\u200f\u061c]/g;
// Invisible characters with no use in the shop's text: soft hyphen, combining grapheme joiner, Hangul fillers (blank
// "names"), Mongolian vowel separator, word joiner and invisible operators, deprecated format characters, byte order
// mark, interlinear annotation. (U+034F, a combining mark, stands outside the class so it is not read as
// combining with the character before it.)
const INVISIBLE =
  /\u034f|[\u00ad\u115f\u1160\u180e\u2060-\u2064\u206a-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb]/g;
const ZERO_WIDTH = /[\u200b-\u200d]/;
const KHMER = /[\u1780-\u17ff\u19e0-\u19ff]/;

/** One line (a name, a subject, an address line): line breaks and tabs become spaces, runs of spaces one. */
export function cleanLine(text: string): string {
  return keepKhmerZeroWidth(
    text
      .replace(/[\t\n\r\u2028\u2029\u0085]/g, ' ')
      .replace(CONTROLS, '')
      .replace(BIDI_CONTROLS, '')
      .replace(DIRECTION_MARKS, '')
      .replace(INVISIBLE, ''),
  )
    .replace(/\s+/g, ' ')
    .trim();
}

/** Several lines (a message): line breaks kept as "\n", tabs kept, everything else as in `cleanLine`. */
export function cleanLines(text: string): string {
  return keepKhmerZeroWidth(
    text
      .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
      .replace(CONTROLS, '')
      .replace(BIDI_CONTROLS, '')
      .replace(INVISIBLE, ''),
  ).trim();
}

/** Removes zero-width space and (non-)joiners except between two Khmer characters. */
function keepKhmerZeroWidth(text: string): string {
  if (!ZERO_WIDTH.test(text)) return text;
  const chars = [...text];
  let kept = '';
  let previous = '';
  for (let i = 0; i < chars.length; i += 1) {
    const char = chars[i]!;
    if (ZERO_WIDTH.test(char)) {
      if (!KHMER.test(previous) || !KHMER.test(chars[i + 1] ?? '')) continue;
    }
    kept += char;
    previous = char;
  }
  return kept;
}

/**
 * Whether a name reads as a link: a scheme ("http://", "mailto:"), "www.", an IP address or a domain ("name.com",
 * also written with full-width letters or dots). A person's name has none of these; a spammer's "name" has.
 */
export function looksLikeLink(text: string): boolean {
  const folded = text.normalize('NFKC');
  return (
    /[a-z][a-z0-9+.-]*:\/\//i.test(folded) ||
    /(?:^|[^\p{L}\p{N}])(?:https?|ftp|mailto|javascript|data|file|tel|sms|whatsapp|tg|viber):/iu.test(
      folded,
    ) ||
    /(?:^|[^\p{L}\p{N}])www\d{0,3}\s*[.,。｡]/iu.test(folded) ||
    /\d{1,3}(?:\s*[.。｡]\s*\d{1,3}){3}/u.test(folded) ||
    /[\p{L}\p{N}_-][.。｡][a-z]{2,63}(?![\p{L}\p{N}])/iu.test(folded)
  );
}

export const NAME_MAX = 120;
/** The field error for a name that reads as a link; the web shop translates it (webshop/src/auth/messages.ts). */
export const NAME_WITH_LINK = 'enter just the name, without a web address: write "Mr. Dara", not "Mr.Dara"';

/**
 * A person's name (sign-up, profile, a delivery's recipient, a guest writing to the shop, staff accounts): cleaned as
 * one line, and refused when it contains a link, since names travel into mails and onto screens as the shop's words.
 */
export function personName(required = 'enter the name') {
  return z
    .string()
    .overwrite(cleanLine)
    .min(1, required)
    .max(NAME_MAX, `use at most ${NAME_MAX} characters`)
    .refine((name) => !looksLikeLink(name), NAME_WITH_LINK);
}

/** A single line of text other than a name (an address line, a subject): cleaned, links allowed. */
export function lineText(max: number) {
  return z.string().overwrite(cleanLine).max(max, `use at most ${max} characters`);
}

/** Free text over several lines (a message, delivery notes): cleaned, line breaks kept. */
export function multilineText(max: number) {
  return z.string().overwrite(cleanLines).max(max, `use at most ${max} characters`);
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe to place in HTML, in an element or a quoted attribute (mails, invoices, receipts). */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}
