import type { SearchSynonyms } from '@shop/shared';
import { queryTokens, tokenize } from './search-index';

/**
 * What a customer typed, read the ways they may have meant it (decision 0001, "Reading a query"). A query is a list
 * of slots, every one of which must match; a slot matches a product when one of its readings does, that is when
 * every token of the reading matches a term by prefix. The first reading is what was typed; the others are:
 *
 * - a number and its unit typed apart, read together: "1 tb" → "1tb", "16 gb" → "16gb" (the index holds "1tb");
 * - the shop's synonyms: "vga" → "graphics card", "កណ្ដុរ" → "mouse" (settings, applied here, never indexed);
 * - on a second pass, only when the exact search found little (widenSlots): a word glued to a quantity or model
 *   number split ("ssd1tb" → "ssd 1tb"), and words of 5+ letters one edit away from a term of the index.
 */
export interface Reading {
  tokens: string[];
  /** Below 1 for readings that guess (a typo corrected): an exact reading of the same product outranks it. */
  factor: number;
}

export interface QuerySlot {
  readings: Reading[];
  /**
   * A slot that only adds to the score of products it matches: a word and the number after it typed apart, read
   * together ("rtx 4060" → "rtx4060"), so the card whose model IS the RTX 4060 outranks an RTX 4060 Ti.
   */
  optional?: true;
}

/** Units customers type after a number, apart or joined ("1 tb", "1tb", "27 inch"). */
const UNITS: ReadonlySet<string> = new Set([
  'tb',
  'gb',
  'mb',
  't',
  'g',
  'ghz',
  'mhz',
  'hz',
  'w',
  'mm',
  'cm',
  'inch',
  'in',
  'mah',
  'dpi',
  'k',
  'mts',
  'mbps',
  'gbps',
  'ms',
  'kg',
  'v',
]);
const NUMBER = /^\d+(?:\.\d+)?$/;
/** Most slots a query may have: longer queries are cut, as before. */
const MAX_SLOTS = 8;

/** A synonym's words as query tokens ("Hard disk" → hard, disk), keyed by its first token. */
export type SynonymIndex = ReadonlyMap<string, { words: string[]; means: string[][] }[]>;

export function synonymIndex(list: SearchSynonyms): SynonymIndex {
  const index = new Map<string, { words: string[]; means: string[][] }[]>();
  for (const entry of list.synonyms) {
    const means = entry.means.map(queryTokens).filter((tokens) => tokens.length > 0);
    for (const typed of entry.words) {
      const words = queryTokens(typed);
      if (words.length === 0 || means.length === 0) continue;
      const entries = index.get(words[0]!) ?? [];
      entries.push({ words, means });
      // Longest words first: "hard disk" before "hard".
      entries.sort((a, b) => b.words.length - a.words.length);
      index.set(words[0]!, entries);
    }
  }
  return index;
}

export const noSynonyms: ReadonlyMap<string, never[]> = new Map();

/** The slots of a query, with units joined and synonyms read (the first pass). */
export function querySlots(query: string, synonyms: SynonymIndex = noSynonyms): QuerySlot[] {
  // As the index's joined forms come: separators inside a token dropped ("m.2" → "m2", "rtx-4070" → "rtx4070").
  const tokens = tokenize(query)
    .map((token) => token.replace(/[._-]+/g, ''))
    .filter((token) => token.length > 0);
  const slots: QuerySlot[] = [];
  for (let i = 0; i < tokens.length;) {
    const token = tokens[i]!;
    const synonym = synonyms
      .get(token)
      ?.find((entry) => entry.words.every((word, k) => tokens[i + k] === word));
    if (synonym) {
      slots.push({
        readings: [synonym.words, ...synonym.means].map((tokens) => ({ tokens, factor: 1 })),
      });
      i += synonym.words.length;
      continue;
    }
    const next = tokens[i + 1];
    if (NUMBER.test(token) && next !== undefined && UNITS.has(next)) {
      slots.push({ readings: [exact([`${token}${next}`]), exact([token, next])] });
      i += 2;
      continue;
    }
    slots.push({ readings: [exact([token])] });
    i += 1;
  }
  const required = distinct(slots).slice(0, MAX_SLOTS);
  return [...required, ...distinct(modelPairs(required))];
}

/** "4060", "14700k": a number starting a model, not a quantity ("1tb", "16gb" are no part of a model name). */
function isModelNumber(token: string): boolean {
  const quantity = /^\d+(?:\.\d+)?(\p{L}+)$/u.exec(token);
  return /^\d/.test(token) && !(quantity && UNITS.has(quantity[1]!));
}

/** "rtx" then "4060": the word and the number joined, as the index holds a model typed whole. */
function modelPairs(slots: QuerySlot[]): QuerySlot[] {
  const pairs: QuerySlot[] = [];
  for (let i = 0; i + 1 < slots.length; i++) {
    const [word, number] = [slots[i]!.readings, slots[i + 1]!.readings];
    if (word.length !== 1 || number.length !== 1) continue;
    const [a, b] = [word[0]!.tokens, number[0]!.tokens];
    if (a.length === 1 && b.length === 1 && /^\p{L}+$/u.test(a[0]!) && isModelNumber(b[0]!))
      pairs.push({ readings: [exact([a[0]! + b[0]!])], optional: true });
  }
  return pairs;
}

function exact(tokens: string[]): Reading {
  return { tokens, factor: 1 };
}

function distinct(slots: QuerySlot[]): QuerySlot[] {
  const seen = new Set<string>();
  return slots.filter((slot) => {
    const key = slotKey(slot);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function slotKey(slot: QuerySlot): string {
  return JSON.stringify([slot.optional ?? false, slot.readings.map((r) => [r.tokens, r.factor])]);
}

/** The slots in a normal order: every slot must match and scores add up, so their order does not matter. */
export function slotsKey(slots: QuerySlot[]): string {
  return JSON.stringify(slots.map(slotKey).sort());
}

/** A word glued to a quantity or a model number: "ssd1tb" → ssd + 1tb, "ram16gb" → ram + 16gb. */
const GLUED = /^(\p{L}{2,})(\d+(?:\.\d+)?[a-z]*)$/u;

/** Readings of the second pass for one typed token (without the token itself). */
export function splitReadings(token: string): Reading[] {
  const glued = GLUED.exec(token);
  return glued ? [exact([glued[1]!, glued[2]!])] : [];
}

/** Typo correction works on Latin words of this many letters or more: shorter words have too many neighbours. */
export const TYPO_MIN_LENGTH = 5;
const LATIN_WORD = /^[a-z]+$/;
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * Every string one edit (a letter left out, added, changed, or two neighbours swapped) from a Latin word of 5+
 * letters, for looking up in the index's terms; none for other words. Khmer misspellings are mostly the two ways of
 * writing a subscript, which the synonym list covers.
 */
export function oneEditAway(word: string): string[] {
  if (word.length < TYPO_MIN_LENGTH || !LATIN_WORD.test(word)) return [];
  const edits = new Set<string>();
  for (let i = 0; i <= word.length; i++) {
    const head = word.slice(0, i);
    const tail = word.slice(i);
    if (tail) edits.add(head + tail.slice(1));
    if (tail.length > 1) edits.add(head + tail[1] + tail[0] + tail.slice(2));
    for (const c of ALPHABET) {
      if (tail) edits.add(head + c + tail.slice(1));
      edits.add(head + c + tail);
    }
  }
  edits.delete(word);
  return [...edits];
}
