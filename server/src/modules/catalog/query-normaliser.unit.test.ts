import { describe, expect, it } from 'vitest';
import { defaultSearchSynonyms } from '@shop/shared';
import {
  oneEditAway,
  querySlots,
  slotsKey,
  splitReadings,
  synonymIndex,
  type QuerySlot,
} from './query-normaliser';
import { productTerms, singular } from './search-index';

/** A query's slots as plain token lists: each slot's readings, the optional ones marked with "+". */
const read = (query: string, synonyms = synonymIndex(defaultSearchSynonyms)) =>
  querySlots(query, synonyms).map((slot) => show(slot));
const show = (slot: QuerySlot) =>
  (slot.optional ? '+' : '') + slot.readings.map((r) => r.tokens.join(' ')).join(' | ');

describe('units, with or without a space, in any case', () => {
  it('reads a number and its unit typed apart as one word, keeping the words as typed', () => {
    expect(read('ssd 1 tb')).toEqual(['ssd', '1tb | 1 tb']);
    expect(read('SSD 1 TB')).toEqual(read('ssd 1 tb'));
    expect(read('16 gb ram')).toEqual(['16gb | 16 gb', 'ram | memory']);
    expect(read('27 inch monitor')).toEqual(['27inch | 27 inch', 'monitor']);
  });

  it('leaves joined units as they are', () => {
    expect(read('1tb ssd')).toEqual(['1tb', 'ssd']);
    // A quantity after a word is no model number: nothing joined.
    expect(read('ssd 1tb')).toEqual(['ssd', '1tb']);
    expect(read('16GB')).toEqual(['16gb']);
  });

  it('"ssd 1 tb", "1 tb ssd" and "ssd 1TB" are one search; "tb 1 ssd" is not', () => {
    const key = (q: string) => slotsKey(querySlots(q));
    expect(key('1 tb ssd')).toBe(key('ssd 1 tb'));
    expect(key('1tb ssd')).not.toBe(key('ssd 1 tb'));
    expect(key('tb 1 ssd')).not.toBe(key('ssd 1 tb'));
  });

  it('a number not followed by a unit stays alone', () => {
    expect(read('ryzen 7 7800x3d')).toEqual(['ryzen', '7', '7800x3d', '+ryzen7']);
  });
});

describe('joined and separated model numbers', () => {
  it('a word and the number after it are also read joined, adding to the score only', () => {
    expect(read('rtx 4060')).toEqual(['rtx', '4060', '+rtx4060']);
    expect(read('i7 14700k')).toEqual(['i7', '14700k']);
  });

  it('a model typed with dashes or dots reads like the index holds it', () => {
    expect(read('rtx-4060')).toEqual(['rtx4060']);
    expect(read('i7-14700K')).toEqual(['i714700k']);
    expect(read('m.2')).toEqual(['m2']);
  });

  it('a word glued to a quantity or number is split on the second pass only', () => {
    expect(read('ssd1tb')).toEqual(['ssd1tb']);
    expect(splitReadings('ssd1tb').map((r) => r.tokens)).toEqual([['ssd', '1tb']]);
    expect(splitReadings('ram16gb').map((r) => r.tokens)).toEqual([['ram', '16gb']]);
    expect(splitReadings('rtx4060').map((r) => r.tokens)).toEqual([['rtx', '4060']]);
    // A single letter before a number is a model ("i7"), not a word.
    expect(splitReadings('i7')).toEqual([]);
    expect(splitReadings('14700k')).toEqual([]);
  });

  it('the index holds a model typed whole from any of its words, and only its own', () => {
    const terms = (model: string) =>
      productTerms({
        sku: 'GPU-X',
        name: `X ${model}`,
        brand: 'X',
        categories: ['Graphics cards'],
        models: [model],
        specs: [],
        description: '',
      });
    expect(terms('GeForce RTX 4060').has('rtx4060')).toBe(true);
    expect(terms('GeForce RTX 4060 Ti').has('rtx4060ti')).toBe(true);
    // The Ti's name joins "rtx4060" as a name word, below the RTX 4060's own model.
    expect(terms('GeForce RTX 4060 Ti').get('rtx4060')).toBeLessThan(
      terms('GeForce RTX 4060').get('rtx4060')!,
    );
  });
});

describe('synonyms (English, Khmer and loanwords)', () => {
  it('reads each word of the default list as what the catalog calls it, keeping the word typed', () => {
    expect(read('vga')).toEqual(['vga | graphics card']);
    expect(read('កណ្ដុរ')).toEqual(['កណ្ដុរ | mouse']);
    expect(read('កណ្តុរ')).toEqual(['កណ្តុរ | mouse']);
    expect(read('អេក្រង់')).toEqual(['អេក្រង់ | monitor']);
    expect(read('រ៉េម')).toEqual(['រ៉េម | memory']);
    expect(read('ឡាបថប')).toEqual(['ឡាបថប | laptop']);
  });

  it('matches a synonym of several words, longest first, and the words around it as typed', () => {
    expect(read('seagate hard disk 4 tb')).toEqual(['seagate', 'hard disk | hard drive', '4tb | 4 tb']);
    expect(read('VGA Card')).toEqual(['vga | graphics card', 'card']);
  });

  it('applies only the list it is given', () => {
    const shop = synonymIndex({ synonyms: [{ words: ['toaster'], means: ['router', 'wifi'] }] });
    expect(read('toaster', shop)).toEqual(['toaster | router | wifi']);
    expect(read('vga', shop)).toEqual(['vga']);
    expect(read('vga', synonymIndex({ synonyms: [] }))).toEqual(['vga']);
  });

  it('a category word is indexed in the singular too, as customers type it', () => {
    expect(['laptops', 'mice', 'accessories', 'cards', 'boxes', 'glass'].map(singular)).toEqual([
      'laptop',
      'mouse',
      'accessory',
      'card',
      'box',
      'glass',
    ]);
    expect(singular('កុំព្យូទ័រ')).toBe('កុំព្យូទ័រ');
  });
});

describe('typos: one edit on words of 5+ letters', () => {
  it('finds the word typed with a letter left out, added, changed or two swapped', () => {
    for (const typo of ['samsng', 'samsungg', 'samsong', 'samsnug'])
      expect(oneEditAway(typo), typo).toContain('samsung');
  });

  it('guesses nothing for short words, Khmer, or words with digits', () => {
    expect(oneEditAway('ssx')).toEqual([]);
    expect(oneEditAway('asus')).toEqual([]);
    expect(oneEditAway('កណ្ដុរ')).toEqual([]);
    expect(oneEditAway('rtx4060')).toEqual([]);
  });

  it('never offers the word itself', () => {
    expect(oneEditAway('mouse')).not.toContain('mouse');
  });
});
