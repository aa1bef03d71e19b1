import { describe, expect, it } from 'vitest';
import { openLocalDb } from '../local-db/open';
import { page, product, tempDirs } from '../test-support/fixtures';
import { pageApplier } from './apply-page';
import { lookupLimit, productLookup } from './lookup';

const newDir = tempDirs();

function catalog() {
  const db = openLocalDb(newDir());
  pageApplier(db)(
    page(1, [
      {
        entity: 'product',
        id: 'p1',
        data: product('p1', { name: 'AMD Ryzen 7 7800X3D', barcode: '730143314442' }),
      },
      {
        entity: 'product',
        id: 'p2',
        data: product('p2', { name: 'Kingston NV2 M.2 NVMe 1TB', sku: 'KS-NV2-1T' }),
      },
      { entity: 'product', id: 'p3', data: product('p3', { name: 'AMD Ryzen 5 5600', active: false }) },
      { entity: 'product', id: 'p4', data: product('p4', { name: 'Écran Asus 4K', salePriceCents: 8_00 }) },
      { entity: 'product', id: 'p5', data: product('p5', { name: 'កាបូប\u200bកុំព្យូទ័រ Laptop bag' }) },
    ]),
  );
  return db;
}

describe('finding a product at the counter', () => {
  it('by exact barcode or SKU (any case), as a scanner or a cashier types it', () => {
    const lookup = productLookup(catalog());
    expect(lookup('730143314442').map((p) => p.id)).toEqual(['p1']);
    expect(lookup('ks-nv2-1t').map((p) => p.id)).toEqual(['p2']);
  });

  it('by name words: every word a prefix of some word, active products first', () => {
    const lookup = productLookup(catalog());
    expect(lookup('ryz').map((p) => p.id)).toEqual(['p1', 'p3']);
    expect(lookup('amd 56').map((p) => p.id)).toEqual(['p3']);
    expect(lookup('m.2 nvm').map((p) => p.id)).toEqual(['p2']);
    expect(lookup('ecran 4k').map((p) => [p.id, p.unitPriceCents])).toEqual([['p4', 8_00]]);
    expect(lookup('ryzen kingston')).toEqual([]);
    // Khmer: a word between zero-width spaces, matched from its start with its vowel signs.
    expect(lookup('កាបូ').map((p) => p.id)).toEqual(['p5']);
    expect(lookup('កុំព្យូ bag').map((p) => p.id)).toEqual(['p5']);
    expect(lookup('កា').map((p) => p.id)).toEqual(['p5']);
    expect(lookup('កុ')).toHaveLength(1);
    expect(lookup('ប')).toEqual([]);
    expect(lookup('  ')).toEqual([]);
  });

  it('answers at most 20', () => {
    const db = openLocalDb(newDir());
    pageApplier(db)(
      page(
        1,
        Array.from({ length: 30 }, (_, i) => ({
          entity: 'product' as const,
          id: `m${i}`,
          data: product(`m${i}`, { name: `Mouse ${String(i).padStart(2, '0')}` }),
        })),
      ),
    );
    const hits = productLookup(db)('mou');
    expect(hits).toHaveLength(lookupLimit);
    expect(hits[0]!.name).toBe('Mouse 00');
  });

  it('shows the shelf less what this counter sold and has not synced', () => {
    const db = catalog();
    db.prepare("UPDATE products SET unsynced_sold = 3 WHERE id = 'p1'").run();
    expect(productLookup(db)('730143314442')[0]!.available).toBe(7);
  });
});
