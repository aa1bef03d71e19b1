import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShopClient, settingKeys, type ApiError, type BuildPick, type PcSlot } from '@shop/shared';
import {
  aReadyCounter,
  aStaffMemberWithPin,
  counterFolders,
} from '../../desktop/src/core/test-support/real-shop';
import { savedBuildsPerIp } from '../src/modules/pc-builder/service';
import { aCustomer, failure, startTestShop, type TestShop } from './factory';
import { fetchFrom } from './loopback';
import { browserClient } from './support';

/**
 * The PC builder through real HTTP on a real database (issue 18): each step lists the demo catalog's parts with
 * the verdict of the shared rules for the picks so far, a build is saved and opened by its link (only its owner
 * changes it), and a whole build goes into the cart in one request that the server checks itself.
 */
let shop: TestShop;
const ids: Record<string, string> = {};

beforeAll(async () => {
  shop = await startTestShop({
    settings: {
      [settingKeys.pricing]: { rielPerUsd: 4000, deliveryFeeCents: 200, freeDeliveryFromCents: 10_000 },
    },
  });
  const rows = await shop.server.database.db.selectFrom('products').select(['id', 'sku']).execute();
  for (const row of rows) ids[row.sku] = row.id;
});
const folders = counterFolders();
afterAll(async () => {
  await shop?.stop();
  folders.removeAll();
});

const pick = (slot: PcSlot, sku: string, quantity = 1): BuildPick => ({
  slot,
  productId: ids[sku]!,
  quantity,
});
/** A Ryzen 7 7800X3D gaming build from the demo catalog, every part in stock and fitting. */
const goodBuild = (): BuildPick[] => [
  pick('cpu', 'CPU-AMD-7800X3D'),
  pick('motherboard', 'MB-MSI-B650-GPW'),
  pick('memory', 'RAM-GSK-TZ5-32K-D5'),
  pick('storage', 'SSD-WD-SN850X-1T'),
  pick('gpu', 'GPU-ASU-4060-DUAL'),
  pick('psu', 'PSU-COR-RM750E'),
  pick('case', 'CASE-COR-4000D-BK'),
  pick('cooler', 'ACC-ARC-F36'),
];
const picksQuery = (...picks: BuildPick[]) => picks.map((p) => `${p.productId}:${p.quantity}`).join(',');

describe('the steps of the builder', () => {
  it('lists a step with price, stock and specs, and refuses what does not fit with its reason', async () => {
    const memory = await shop.server.client.builderCandidates({
      params: { slot: 'memory' },
      query: { picks: picksQuery(pick('motherboard', 'MB-MSI-B650-GPW')) },
    });
    expect(memory.slot).toBe('memory');
    const bySku = new Map(memory.items.map((item) => [item.product.sku, item]));
    expect(bySku.get('RAM-GSK-TZ5-32K-D5')).toMatchObject({
      slot: 'memory',
      fits: true,
      reasons: [],
      specs: { type: 'DDR5', modules: 2 },
      product: { priceCents: expect.any(Number), availability: 'in_stock' },
    });
    expect(bySku.get('RAM-GSK-TZ5-32K-D5')!.available).toBeGreaterThan(0);
    expect(bySku.get('RAM-KIN-FB-16K-D4')).toMatchObject({
      fits: false,
      reasons: [
        { code: 'memoryType', slots: ['memory', 'motherboard'], params: { memory: 'DDR4', board: 'DDR5' } },
      ],
    });
    expect(bySku.get('RAM-CRU-SO-16G-D5')).toMatchObject({
      fits: false,
      reasons: [{ code: 'laptopMemory' }],
    });
    expect(memory.items.every((item) => item.product.category.slug === 'memory')).toBe(true);
    expect(memory.build.parts.map((p) => p.product.sku)).toEqual(['MB-MSI-B650-GPW']);

    // Coolers are the accessories of a cooler type; storage is both SSDs and hard drives.
    const coolers = await shop.server.client.builderCandidates({ params: { slot: 'cooler' }, query: {} });
    expect(coolers.items.map((i) => i.product.sku).sort()).toEqual([
      'ACC-ARC-F36',
      'ACC-ARC-LF3-360',
      'ACC-CM-H212-BLK',
      'ACC-CM-ML240L',
    ]);
    const storage = await shop.server.client.builderCandidates({ params: { slot: 'storage' }, query: {} });
    expect(new Set(storage.items.map((i) => i.product.category.slug))).toEqual(
      new Set(['ssds', 'hard-drives']),
    );
    expect(storage.items.find((i) => i.product.sku === 'SSD-SAM-T7S-1T')).toMatchObject({
      fits: false,
      reasons: [{ code: 'externalDrive' }],
    });
  });

  it('estimates the power draw and refuses a power supply without 30% headroom', async () => {
    const picks = [pick('cpu', 'CPU-AMD-7800X3D'), pick('gpu', 'GPU-MSI-4080S-GXS')];
    const psus = await shop.server.client.builderCandidates({
      params: { slot: 'psu' },
      query: { picks: picksQuery(...picks) },
    });
    expect(psus.build).toMatchObject({ estimatedWatts: 515, recommendedPsuWatts: 670, problems: [] });
    const pk550 = psus.items.find((i) => i.product.sku === 'PSU-DEE-PK550D')!;
    expect(pk550).toMatchObject({
      fits: false,
      reasons: [{ code: 'power', params: { psu: 550, needed: 670, estimate: 515 } }],
    });
    expect(psus.items.find((i) => i.product.sku === 'PSU-COR-RM750E')!.fits).toBe(true);
    const prices = psus.build.parts.reduce((sum, p) => sum + p.product.priceCents, 0);
    expect(psus.build.total).toEqual({ usdCents: prices, khr: Math.round((prices * 40) / 100) * 100 });
  });

  it('counts the drives picked: a third NVMe drive on a board with two M.2 slots does not fit', async () => {
    const storage = await shop.server.client.builderCandidates({
      params: { slot: 'storage' },
      query: {
        picks: picksQuery(
          pick('motherboard', 'MB-MSI-B650-GPW'),
          pick('storage', 'SSD-WD-SN850X-1T'),
          pick('storage', 'SSD-KIN-NV3-1T'),
        ),
      },
    });
    const bySku = new Map(storage.items.map((item) => [item.product.sku, item]));
    expect(bySku.get('SSD-CRU-T500-1T')).toMatchObject({
      fits: false,
      reasons: [{ code: 'm2Slots', params: { drives: 3, slots: 2 } }],
    });
    expect(bySku.get('SSD-SAM-870E-1T')!.fits).toBe(true);
  });
});

describe('a whole build into the cart', () => {
  it('refuses an incompatible build with its reasons, whatever the browser said, and adds nothing', async () => {
    const guest = browserClient(shop.server.url);
    const ddr4 = goodBuild().map((p) => (p.slot === 'memory' ? pick('memory', 'RAM-KIN-FB-16K-D4') : p));
    const refused = await failure(guest.client.addBuildToCart({ body: { picks: ddr4 } }));
    expect(refused).toMatchObject({
      status: 409,
      fields: { memoryType: 'DDR4 memory does not fit a DDR5 motherboard' },
    });
    expect((await guest.client.getCart({})).lines).toEqual([]);

    // A product sent for a step it is not a part of is refused, not trusted.
    const misfiled = goodBuild().map((p) =>
      p.slot === 'memory' ? { ...p, productId: ids['GPU-ASU-4060-DUAL']! } : p,
    );
    expect(await failure(guest.client.addBuildToCart({ body: { picks: misfiled } }))).toMatchObject({
      status: 400,
    });
    // One product per step (drives excepted).
    const twoCpus = [...goodBuild(), pick('cpu', 'CPU-INT-12400F')];
    expect(await failure(guest.client.addBuildToCart({ body: { picks: twoCpus } }))).toMatchObject({
      status: 400,
    });
  });

  it('adds every part of a compatible build in one step, for a guest and for a customer', async () => {
    const guest = browserClient(shop.server.url);
    const build = [...goodBuild(), pick('storage', 'HDD-SEA-BC-2T')];
    const cart = await guest.client.addBuildToCart({ body: { picks: build } });
    expect(cart.lines.map((l) => [l.sku, l.quantity])).toEqual([
      ['CPU-AMD-7800X3D', 1],
      ['MB-MSI-B650-GPW', 1],
      ['RAM-GSK-TZ5-32K-D5', 1],
      ['SSD-WD-SN850X-1T', 1],
      ['GPU-ASU-4060-DUAL', 1],
      ['PSU-COR-RM750E', 1],
      ['CASE-COR-4000D-BK', 1],
      ['ACC-ARC-F36', 1],
      ['HDD-SEA-BC-2T', 1],
    ]);
    expect(cart.canCheckout).toBe(true);
    expect(guest.cookies.has('cart')).toBe(true);

    const customer = await aCustomer(shop.server);
    const theirs = await customer.api.addBuildToCart({ body: { picks: goodBuild() } });
    expect(theirs.itemCount).toBe(8);
  });
});

describe('saved builds', () => {
  it('saves a build behind an unguessable link that anyone may open, read-only', async () => {
    const guest = browserClient(shop.server.url);
    const saved = await guest.client.saveBuild({ body: { name: 'Gaming PC ✨ កុំព្យូទ័រ', picks: goodBuild() } });
    expect(saved.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(saved).toMatchObject({ mine: false, name: 'Gaming PC ✨ កុំព្យូទ័រ', build: { problems: [] } });
    const another = await guest.client.saveBuild({ body: { picks: goodBuild() } });
    expect(another.id).not.toBe(saved.id);
    expect(another.id.slice(0, 8)).not.toBe(saved.id.slice(0, 8));

    const opened = await shop.server.client.getBuild({ params: { id: saved.id } });
    expect(opened.picks).toEqual(goodBuild());
    expect(opened.build.parts.map((p) => p.product.sku)).toEqual(goodBuild().map((p) => skuOf(p.productId)));
    expect(opened.build.total.usdCents).toBe(saved.build.total.usdCents);

    // Nobody changes a guest's build; a wrong or malformed link opens nothing; builds are never listed.
    const customer = await aCustomer(shop.server);
    expect(
      await failure(
        customer.api.updateBuild({ params: { id: saved.id }, body: { picks: [goodBuild()[0]!] } }),
      ),
    ).toMatchObject({ status: 403 });
    const unknown = saved.id.slice(0, 21) + (saved.id.endsWith('A') ? 'B' : 'A');
    expect(await failure(shop.server.client.getBuild({ params: { id: unknown } }))).toMatchObject({
      status: 404,
    });
    const malformed = await fetch(`${shop.server.url}/api/v1/builds/1`);
    expect(malformed.status).toBe(400);
    const listing = await fetch(`${shop.server.url}/api/v1/builds`);
    expect(listing.status).toBe(404);
  });

  it('lets its owner change it, and nobody else: another customer 403, a stranger 401', async () => {
    const owner = await aCustomer(shop.server);
    const saved = await owner.api.saveBuild({ body: { picks: goodBuild() } });
    expect(saved.mine).toBe(true);
    const smaller = goodBuild().slice(0, 3);
    const changed = await owner.api.updateBuild({
      params: { id: saved.id },
      body: { name: 'Mine', picks: smaller },
    });
    expect(changed).toMatchObject({ mine: true, name: 'Mine', picks: smaller });

    const other = await aCustomer(shop.server);
    expect((await other.api.getBuild({ params: { id: saved.id } })).mine).toBe(false);
    expect(
      await failure(other.api.updateBuild({ params: { id: saved.id }, body: { picks: goodBuild() } })),
    ).toMatchObject({ status: 403 });
    const stranger = browserClient(shop.server.url);
    expect(
      await failure(stranger.client.updateBuild({ params: { id: saved.id }, body: { picks: goodBuild() } })),
    ).toMatchObject({ status: 401 });
    expect((await shop.server.client.getBuild({ params: { id: saved.id } })).picks).toEqual(smaller);
  });
});

describe('saving builds from one address', () => {
  it('is limited (a script cannot fill the table), with a clear 429; staff saving for walk-ins are not', async () => {
    const script = browserClient(shop.server.url, { from: '127.0.0.31' });
    for (let i = 0; i < savedBuildsPerIp('').max; i++)
      await script.client.saveBuild({ body: { picks: goodBuild().slice(0, 1) } });
    const refused = await failure<ApiError>(script.client.saveBuild({ body: { picks: goodBuild() } }));
    expect(refused.status).toBe(429);
    // The shop's own staff, behind the same address, still save.
    const counter = createShopClient({
      baseUrl: shop.server.url,
      fetch: fetchFrom('127.0.0.31'),
      headers: () => ({ authorization: `Bearer ${shop.staffUser.token}` }),
    });
    expect((await counter.saveBuild({ body: { picks: goodBuild() } })).mine).toBe(true);
  });
});

describe('a saved build at the counter', () => {
  it('adds every part of a build by its link in one step; a build whose parts clash is refused', async () => {
    const cashier = await aStaffMemberWithPin(shop);
    const { core } = await aReadyCounter(shop, { cashierId: cashier.id, dataDir: folders.make() });
    const customer = browserClient(shop.server.url).client;
    const saved = await customer.saveBuild({
      body: { picks: [...goodBuild(), pick('storage', 'HDD-SEA-BC-2T', 2)] },
    });
    const sale = await core.commands.addBuild({ link: `https://shop.example/builder/${saved.id}` });
    expect(sale.cart.lines.map((l) => [l.sku, l.quantity])).toEqual([
      ...goodBuild().map((p) => [skuOf(p.productId), 1]),
      ['HDD-SEA-BC-2T', 2],
    ]);
    expect(sale.totals.totalCents).toBe(saved.build.total.usdCents);

    // A build saved with parts that clash (saving does not refuse it) is not added; nor is a link of nothing.
    const clashing = await customer.saveBuild({
      body: { picks: [pick('cpu', 'CPU-INT-12400F'), pick('motherboard', 'MB-MSI-B650-GPW')] },
    });
    await core.commands.clearSale();
    await expect(core.commands.addBuild({ link: clashing.id })).rejects.toMatchObject({ code: 'conflict' });
    await expect(core.commands.addBuild({ link: 'not a link' })).rejects.toMatchObject({ code: 'invalid' });
    await expect(core.commands.addBuild({ link: 'A'.repeat(22) })).rejects.toMatchObject({
      code: 'not_found',
    });
    expect((await core.commands.sale()).cart.lines).toEqual([]);
    core.close();
  });
});

function skuOf(productId: string): string {
  return Object.entries(ids).find(([, id]) => id === productId)![0];
}
