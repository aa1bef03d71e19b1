/**
 * Our own search index, identical on SQLite and MySQL (docs/decisions/0001-own-search-index.md).
 *
 * Product text is normalized and split into terms stored in `search_terms (term, product_id, weight)`. A query is
 * split the same way; every query token must match a term by prefix (so "ryz" finds Ryzen and "i7" finds
 * "i7-14700K"), scored by the weight of the field it matched, doubled for an exact match.
 */

/**
 * Field weights: an exact SKU beats everything, then the category (what the product IS: "laptop" lists laptops
 * before laptop memory), the product's model where its kind names one (a card whose chipset IS "RTX 4060" before a
 * laptop that carries one), names, brands, specs, descriptions.
 */
export const weights = {
  sku: 100,
  category: 16,
  model: 15,
  name: 10,
  brand: 8,
  spec: 4,
  skuPart: 3,
  description: 1,
} as const;

const MAX_TERM_LENGTH = 64;
const MAX_QUERY_TOKENS = 8;
const MAX_CODE_POINT = 0x10ffff;
const FIRST_SURROGATE = 0xd800;
const AFTER_SURROGATES = 0xe000;
// A zero-width space separates words like a space: the Khmer keyboard types it on the space bar.
const SEPARATORS = /[\s\u200b,;:!?()[\]{}"'`|+*&/\\<>=~#%^$@]+/u;
const JOINERS = /[._-]+/gu;
const DESCRIPTION_STOPWORDS: ReadonlySet<string> = new Set([
  'a',
  'an',
  'and',
  'the',
  'for',
  'with',
  'of',
  'to',
  'in',
  'on',
  'or',
  'is',
  'it',
  'its',
  'by',
  'at',
  'as',
  'from',
  'your',
  'you',
  'this',
  'that',
]);

/**
 * Lower case, Latin accents removed (café → cafe). Only the combining marks of Latin script go: Khmer vowel signs
 * are combining marks too and must stay.
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC')
    .toLowerCase();
}

/** Splits normalized text into tokens; dots, dashes and underscores stay inside tokens ("m.2", "rtx-4070"). */
export function tokenize(text: string): string[] {
  return normalizeText(text)
    .split(SEPARATORS)
    .map((token) => token.replace(/^[._-]+|[._-]+$/g, ''))
    .filter((token) => token.length > 0)
    .map((token) => token.slice(0, MAX_TERM_LENGTH));
}

/** A token and the forms a customer may type for it: "m.2" → m.2, m2; "i7-14700k" → i7-14700k, i714700k, i7, 14700k. */
export function tokenForms(token: string): string[] {
  if (!/[._-]/.test(token)) return [token];
  const parts = token.split(JOINERS).filter((part) => part.length > 1);
  return [...new Set([token, token.replace(JOINERS, ''), ...parts])];
}

export interface SearchDocument {
  sku: string;
  name: string;
  brand: string;
  categories: string[];
  /** The spec values that name what the product is (a graphics card's chipset), indexed above its name. */
  models: string[];
  specs: string[];
  description: string;
}

/**
 * The version of what productTerms writes: a server finding an index written by an older version rebuilds it at
 * start (product-writer.ts, reindexIfStale). Raise it with every change of weights or terms.
 */
export const SEARCH_INDEX_VERSION = 2;

/**
 * A category's word also in the singular, as customers type it ("laptop", "mouse", "card"): category names are
 * plurals. English rules only, and only for Latin words; Khmer has no plural forms.
 */
export function singular(word: string): string {
  if (!/^[a-z]{4,}$/.test(word)) return word;
  if (word === 'mice') return 'mouse';
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (/(ches|shes|sses|xes)$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** Every term of a product with the highest weight it earns. */
export function productTerms(doc: SearchDocument): Map<string, number> {
  const terms = new Map<string, number>();
  const add = (term: string, weight: number) => {
    if (term.length > 0 && (terms.get(term) ?? 0) < weight) terms.set(term, weight);
  };
  const addText = (text: string, weight: number, skip?: ReadonlySet<string>) => {
    const tokens = tokenize(text);
    tokens.forEach((token, i) => {
      if (skip?.has(token)) return;
      for (const form of tokenForms(token)) add(form, weight);
      if (weight === weights.category) add(singular(token), weight);
      const next = tokens[i + 1];
      if (!next) return;
      // A model is also typed whole from any of its words: "GeForce RTX 4060 Ti" as "rtx4060ti", never as "rtx4060"
      // (which is the RTX 4060's model, not this card's).
      if (weight === weights.model) add(joined(tokens.slice(i)), weight);
      // "RTX 4070" is also typed "rtx4070", "Ryzen 7" as "ryzen7", "Wi-Fi 6" as "wifi6", "PCIe 4.0" as "pcie4.0":
      // join a word with a following number, without separators as query tokens come.
      else if (/^\p{L}[\p{L}._-]*$/u.test(token) && /^\d/.test(next)) add(joined([token, next]), weight);
    });
  };
  const sku = normalizeText(doc.sku).trim();
  add(sku, weights.sku);
  add(sku.replace(JOINERS, ''), weights.sku);
  for (const part of sku.split(JOINERS)) add(part, weights.skuPart);
  addText(doc.name, weights.name);
  addText(doc.brand, weights.brand);
  for (const category of doc.categories) addText(category, weights.category);
  for (const model of doc.models) addText(model, weights.model);
  for (const spec of doc.specs) addText(spec, weights.spec);
  addText(doc.description.split(/\s+/).slice(0, 80).join(' '), weights.description, DESCRIPTION_STOPWORDS);
  // A word of the category (or model) that the name says too outranks the same word from the category alone:
  // "mouse" lists the mice of "Keyboards & mice" before its keyboards.
  const named = productTermsOfName(doc.name);
  for (const [term, weight] of terms)
    if (weight > weights.name && named.has(term)) terms.set(term, weight + 1);
  return terms;
}

function joined(tokens: string[]): string {
  return tokens.join('').replace(JOINERS, '').slice(0, MAX_TERM_LENGTH);
}

function productTermsOfName(name: string): Set<string> {
  return new Set(tokenize(name).flatMap((token) => [...tokenForms(token), singular(token)]));
}

/**
 * The tokens of a customer's query, each to be matched by prefix. Separators are dropped ("m.2" → "m2",
 * "rtx-4070" → "rtx4070"): the index holds the joined form of every separated token and word-number pair.
 */
export function queryTokens(query: string): string[] {
  const tokens = tokenize(query).map((token) => token.replace(JOINERS, ''));
  return [...new Set(tokens.filter((token) => token.length > 0))].slice(0, MAX_QUERY_TOKENS);
}

/**
 * The half-open range [from, to) of terms starting with `prefix`, in code-point order: an index range scan on
 * both dialects (binary collation), where `LIKE 'p%'` would depend on collation and case rules. The upper bound
 * is the prefix with its last code point incremented (skipping the surrogates, which no string may hold alone);
 * a last code point U+10FFFF carries to the one before, and `to` is null when every code point is U+10FFFF.
 */
export function prefixRange(prefix: string): { from: string; to: string | null } {
  const chars = [...prefix];
  while (chars.length > 0) {
    const code = chars.pop()!.codePointAt(0)!;
    if (code < MAX_CODE_POINT) {
      const next = code + 1 === FIRST_SURROGATE ? AFTER_SURROGATES : code + 1;
      return { from: prefix, to: chars.join('') + String.fromCodePoint(next) };
    }
  }
  return { from: prefix, to: null };
}
