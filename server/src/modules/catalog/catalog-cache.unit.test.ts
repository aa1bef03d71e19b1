import { describe, expect, it } from 'vitest';
import { defaultSearchSynonyms, productListQuerySchema } from '@shop/shared';
import { listingKey, withPriceBoundsOf } from './catalog-cache';
import { synonymIndex } from './query-normaliser';

const query = (input: Record<string, string>) => productListQuerySchema.parse(input);
const prices = [990, 1_500, 4_990, 12_000];

describe('listing keys: junk variants of a query share its entry (issue 9, finding 14)', () => {
  it('moves price bounds onto prices products have, which selects the same products', () => {
    const normal = (input: Record<string, string>) => withPriceBoundsOf(query(input), prices);
    // Every bound between two prices selects what the next price up (down for a maximum) selects.
    for (const minPrice of ['991', '1200', '1499', '1500'])
      expect(normal({ minPrice }).minPrice, minPrice).toBe(1_500);
    for (const maxPrice of ['4990', '5000', '11999'])
      expect(normal({ maxPrice }).maxPrice, maxPrice).toBe(4_990);
    // A bound every product passes is no bound.
    expect(normal({ minPrice: '0', maxPrice: '99999999' })).not.toHaveProperty('minPrice');
    expect(normal({ minPrice: '990', maxPrice: '12000' })).not.toHaveProperty('maxPrice');
    // A bound no product passes: just past the catalog, whatever the number asked.
    expect(normal({ minPrice: '12001' }).minPrice).toBe(12_001);
    expect(normal({ minPrice: '99999999' }).minPrice).toBe(12_001);
    expect(normal({ maxPrice: '989' }).maxPrice).toBe(989);
    expect(normal({ maxPrice: '5' }).maxPrice).toBe(989);
    // Everything else is left as it was; no prices (an empty shop): no bounds.
    expect(normal({ q: 'ssd', minPrice: '1200', page: '2' })).toMatchObject({
      q: 'ssd',
      page: 2,
      pageSize: 24,
    });
    expect(withPriceBoundsOf(query({ minPrice: '5', maxPrice: '7' }), [])).toEqual(query({}));
  });

  it('gives 10,000 distinct price filters between two prices a handful of keys', () => {
    const keys = new Set<string>();
    for (let cents = 1_000; cents < 11_000; cents++)
      keys.add(listingKey(withPriceBoundsOf(query({ minPrice: String(cents) }), prices)));
    // 1,000-1,500, 1,501-4,990, 4,991-11,000 cents
    expect(keys.size).toBe(3);
  });
});

describe('listing keys of searches: one per way of reading the query (issue 15)', () => {
  const key = (q: string, synonyms = synonymIndex(defaultSearchSynonyms)) =>
    listingKey(query({ q }), synonyms);

  it('shares the entry of queries read alike, in any order, case or spacing of units', () => {
    expect(key('ssd 1 tb')).toBe(key('1 TB  SSD'));
    expect(key('ssd 1tb')).toBe(key('1tb ssd'));
    expect(key('hard disk seagate')).toBe(key('seagate hard disk'));
  });

  it('keeps apart queries whose words are the same but read differently', () => {
    // "1 tb" is one slot (1tb); "tb 1" two slots.
    expect(key('ssd 1 tb')).not.toBe(key('ssd tb 1'));
    // "hard disk" is a synonym of hard drives; "disk hard" is two words.
    expect(key('hard disk')).not.toBe(key('disk hard'));
  });

  it('depends on the synonym list: a word read as a synonym is another search than the word alone', () => {
    expect(key('vga')).not.toBe(key('vga', synonymIndex({ synonyms: [] })));
  });

  it('lists a category by popularity and a search by relevance unless told otherwise', () => {
    expect(listingKey(query({ category: 'ssds' }))).toBe(
      listingKey(query({ category: 'ssds', sort: 'popular' })),
    );
    expect(key('ssd')).toBe(
      listingKey(query({ q: 'ssd', sort: 'relevance' }), synonymIndex(defaultSearchSynonyms)),
    );
  });
});
