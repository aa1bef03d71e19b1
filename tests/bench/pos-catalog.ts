import type { Change, ChangesPage, SyncProduct } from '@shop/shared';

/**
 * A counter's catalog of computer parts for the POS benches: names built from the words real listings use, so a
 * prefix like "ry" or "ssd" matches as many products as it would in the shop.
 */
const brands = [
  'Asus',
  'MSI',
  'Gigabyte',
  'Kingston',
  'Samsung',
  'Logitech',
  'Corsair',
  'AMD',
  'Intel',
  'Dell',
];
const kinds = ['Ryzen', 'Core', 'SSD', 'NVMe', 'Keyboard', 'Mouse', 'Monitor', 'Laptop', 'RAM', 'Router'];
const details = ['i5', 'i7', '4K', 'M.2', '2TB', '1TB', 'DDR5', 'RGB', 'Wireless', 'Gaming', 'Pro', 'Mini'];

export function benchProduct(i: number): SyncProduct {
  const pick = <T>(list: readonly T[], n: number) => list[n % list.length]!;
  return {
    id: `P${String(i).padStart(7, '0')}`,
    sku: `SKU-${i}`,
    barcode: String(8_850_000_000_000 + i),
    name: `${pick(brands, i)} ${pick(kinds, Math.floor(i / 10))} ${pick(details, Math.floor(i / 7))} ${pick(details, Math.floor(i / 97) + 3)} ${i}`,
    categoryId: null,
    brandId: null,
    priceCents: 1_000 + (i % 50_000),
    salePriceCents: null,
    serialized: false,
    warrantyMonths: 12,
    active: i % 13 !== 0,
    available: 1_000_000,
    thumbnailUrl: null,
  };
}

/** Pages of `size` product upserts, as the change feed would send a first pull. */
export function* catalogPages(count: number, size = 1_000): Generator<ChangesPage> {
  for (let start = 0; start < count; start += size) {
    const changes: Change[] = [];
    for (let i = start; i < Math.min(count, start + size); i++)
      changes.push({
        seq: i + 1,
        entity: 'product',
        entityId: benchProduct(i).id,
        operation: 'upsert',
        at: 0,
        data: benchProduct(i),
      });
    const end = Math.min(count, start + size);
    yield { changes, cursor: end, hasMore: end < count };
  }
}
