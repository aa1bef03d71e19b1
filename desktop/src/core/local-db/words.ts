/**
 * How names are cut into searchable words: lower case, accents removed, split on anything that is not a letter or a
 * digit. Names and queries go through the same function, so "M.2" finds "m.2 NVMe" and "ryz" finds "Ryzen".
 * Khmer is written without spaces (ZERO WIDTH SPACE at most, which splits here), so a Khmer run is one word and
 * matches from its beginning.
 */
export function nameWords(text: string): string[] {
  const words = text
    .normalize('NFKD')
    // Latin accents only: Khmer vowel signs are combining marks too, and they are part of the word.
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}\p{M}]+/u)
    .filter((word) => word.length > 0);
  return [...new Set(words)];
}
