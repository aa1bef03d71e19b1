/**
 * Where a sign-in page may send the visitor afterwards (`?next=`): a path of this site, never another site.
 *
 * Checking the text as given is not enough: a browser (or the next piece of code that decodes it) first drops tabs and
 * line breaks, reads "\" as "/", decodes "%2e" in dot segments and resolves them, so "/..//evil.example" ends up as
 * "//evil.example", a link to another host. So the value is normalised as a browser would, then checked, and the same
 * check is repeated on every percent-decoded form of it: what is returned is a path that stays on this site however
 * often something downstream decodes it.
 */
const BASE = 'http://shop.invalid';
/** Nobody links to a page of ours with a longer address; a cap also bounds the work below. */
const MAX_LENGTH = 2000;
const MAX_DECODINGS = 3;

// C0 and C1 controls (tab, CR and LF included: browsers silently drop those), DEL, and "\" (read as "/").
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const BROWSER_REWRITTEN = /[\u0000-\u001f\u007f-\u009f\\]/;

/** The path (with query and fragment) to go to: `next` normalised when it is a path of this site, else "/". */
export function safeNextPath(next: string | undefined | null): string {
  if (typeof next !== 'string' || next.length === 0 || next.length > MAX_LENGTH) return '/';
  const path = sameSitePath(next);
  if (path === null) return '/';
  // The same value decoded once, twice, …: each form must be a path of this site too.
  let layer = next;
  for (let i = 0; i < MAX_DECODINGS; i += 1) {
    const decoded = decodeOnce(layer);
    if (decoded === layer) return path;
    if (sameSitePath(decoded) === null) return '/';
    layer = decoded;
  }
  // Still changing after several decodings: nothing of ours is encoded that deep.
  return '/';
}

/** The normalised path when `text`, read as a browser reads a link, stays on this site; else null. */
function sameSitePath(text: string): string | null {
  // Compatibility forms ("／", "＼") are folded back to ASCII by some decoders and by host parsing.
  for (const form of [text, text.normalize('NFKC')])
    if (BROWSER_REWRITTEN.test(form) || !startsAsPath(form)) return null;
  let url: URL;
  try {
    url = new URL(text, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE) return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Resolving dot segments can leave "//host" at the front ("/a/..//evil" → "//evil").
  return startsAsPath(path) ? path : null;
}

/** "/…" but not "//…" (another host, scheme-relative). */
function startsAsPath(text: string): boolean {
  return text.startsWith('/') && !text.startsWith('//');
}

/**
 * Percent-decoding as the most lenient decoder does it: a stray "%" or a broken UTF-8 sequence does not stop the
 * escapes around it from being decoded ("%2F%2Fevil%" still yields "//evil%").
 */
function decodeOnce(text: string): string {
  return text.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    }
  });
}
