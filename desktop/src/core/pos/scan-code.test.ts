import { describe, expect, it } from 'vitest';
import { createPosCore } from '../core';
import {
  cashierSignedIn,
  feedTransport,
  page,
  product,
  staffMember,
  tempDirs,
} from '../test-support/fixtures';

const newDir = tempDirs();

async function counter() {
  const feed = feedTransport([
    page(1, [
      { entity: 'product', id: 'p1', data: product('p1', { name: 'USB cable', barcode: '8850000000017' }) },
      { entity: 'product', id: 'p2', data: product('p2', { name: 'USB cable 8850000000017 pack' }) },
      { entity: 'staff', id: 's1', data: staffMember('s1') },
    ]),
  ]);
  const core = createPosCore({ dataDir: newDir(), transport: feed.transport });
  await core.pullNow();
  return core;
}

describe('a scan at the counter', () => {
  it('adds the product whose barcode or SKU it is, again as one more unit', async () => {
    const core = await counter();
    await cashierSignedIn(core, 's1');
    const first = await core.commands.scanCode({ code: ' 8850000000017 ' });
    expect(first.product.id).toBe('p1');
    await core.commands.scanCode({ code: 'sku-p2' });
    const again = await core.commands.scanCode({ code: '8850000000017' });
    expect(again.sale.cart.lines.map((line) => [line.productId, line.quantity])).toEqual([
      ['p1', 2],
      ['p2', 1],
    ]);
    core.close();
  });

  it('refuses a code no product has, and a scan with nobody signed in, leaving the sale as it was', async () => {
    const core = await counter();
    await expect(core.commands.scanCode({ code: '8850000000017' })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await cashierSignedIn(core, 's1');
    await expect(core.commands.scanCode({ code: 'USB' })).rejects.toMatchObject({ code: 'not_found' });
    expect((await core.commands.sale()).cart.lines).toEqual([]);
    core.close();
  });
});
