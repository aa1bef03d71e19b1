import { z } from 'zod';
import { lineText } from './text';

/**
 * The shop's search synonyms: what customers type (English, Khmer, the local loanwords) and what the catalog calls
 * it. The server applies them to the query, never to the index, so a change answers from the next search on with
 * no re-index (docs/decisions/0001-own-search-index.md). Admins read and replace the whole list
 * (GET/PUT /admin/search/synonyms); until they do, the server uses `defaultSearchSynonyms`.
 */

/** A word or a few words as a customer types them; at least one letter or digit. */
const phrase = lineText(60)
  .min(1, 'enter a word')
  .refine((text) => /[\p{L}\p{N}]/u.test(text), 'enter a word with letters or digits');

export const searchSynonymSchema = z.object({
  /** What customers type, any of these (a word or a few words). */
  words: z.array(phrase).min(1, 'enter at least one word customers type').max(20),
  /** What the catalog calls it: each is searched besides the typed words (all its words must match). */
  means: z.array(phrase).min(1, 'enter what the catalog calls it').max(5),
});
export type SearchSynonym = z.infer<typeof searchSynonymSchema>;

export const searchSynonymsSchema = z
  .object({ synonyms: z.array(searchSynonymSchema).max(500, 'use at most 500 entries') })
  .meta({ id: 'SearchSynonyms' });
export type SearchSynonyms = z.infer<typeof searchSynonymsSchema>;

/**
 * What a new shop searches with. Khmer is typed with the subscript ដ or ត interchangeably ("កណ្ដុរ", "កណ្តុរ"),
 * so both spellings are listed.
 */
export const defaultSearchSynonyms: SearchSynonyms = Object.freeze({
  synonyms: [
    { words: ['vga', 'gpu', 'video card', 'កាតអេក្រង់', 'កាតវីដេអូ'], means: ['graphics card'] },
    { words: ['កណ្ដុរ', 'កណ្តុរ', 'ម៉ៅ', 'mice'], means: ['mouse'] },
    { words: ['អេក្រង់', 'screen', 'display'], means: ['monitor'] },
    { words: ['រ៉េម', 'រេម', 'ram'], means: ['memory'] },
    { words: ['ឡាបថប', 'ឡាប់ថប', 'ឡេបថប', 'notebook'], means: ['laptop'] },
    { words: ['គីបត', 'គីបដ', 'ក្តារចុច'], means: ['keyboard'] },
    { words: ['hdd', 'hard disk', 'ហាតឌីស'], means: ['hard drive'] },
    { words: ['psu'], means: ['power supply'] },
    { words: ['mainboard', 'mobo'], means: ['motherboard'] },
    { words: ['processor', 'ស៊ីភីយូ'], means: ['cpu'] },
    { words: ['រ៉ោតទ័រ', 'រោតទ័រ'], means: ['router'] },
    { words: ['casing', 'tower'], means: ['case'] },
  ],
});
