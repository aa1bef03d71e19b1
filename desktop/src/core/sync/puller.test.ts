import { describe, expect, it } from 'vitest';
import type { ChangesPage } from '@shop/shared';
import { pageApplier } from '../catalog/apply-page';
import { productLookup } from '../catalog/lookup';
import { openLocalDb } from '../local-db/open';
import { readState } from '../local-db/state';
import { page, product, tempDirs } from '../test-support/fixtures';
import { puller } from './puller';
import { newLinkState } from './status';
import type { SyncTransport } from './transport';

const newDir = tempDirs();

describe('pulling the change feed', () => {
  it('resumes after an interruption from the last page applied', async () => {
    const db = openLocalDb(newDir());
    const pages: ChangesPage[] = [1, 2, 3].map((n) => ({
      ...page(n, [{ entity: 'product', id: `p${n}`, data: product(`p${n}`) }]),
      hasMore: n < 3,
    }));
    const asked: number[] = [];
    let failAt: number | null = 2;
    const transport: SyncTransport = {
      async pull(after) {
        asked.push(after);
        if (after === failAt) throw new TypeError('fetch failed');
        return pages.find((p) => p.changes[0]!.seq > after)!;
      },
      push: () => Promise.reject(new Error('not used')),
    };
    const link = newLinkState();
    const pull = puller({ db, applyPage: pageApplier(db), transport: () => transport, link });
    await expect(pull.pullNow()).rejects.toThrow('fetch failed');
    expect(readState(db, 'cursor')).toBe(2);
    expect(link).toMatchObject({ online: false, lastError: 'fetch failed' });
    failAt = null;
    expect(await pull.pullNow()).toBe(1);
    expect(asked).toEqual([0, 1, 2, 2]);
    expect(productLookup(db)('SKU-p3')).toHaveLength(1);
  });

  it('folds calls made while a pull runs into one more round', async () => {
    const db = openLocalDb(newDir());
    let calls = 0;
    const transport: SyncTransport = {
      async pull(after) {
        calls++;
        await new Promise((resolve) => setTimeout(resolve, 20));
        return { changes: [], cursor: after, hasMore: false };
      },
      push: () => Promise.reject(new Error('not used')),
    };
    const pull = puller({ db, applyPage: pageApplier(db), transport: () => transport, link: newLinkState() });
    await Promise.all([pull.pullNow(), pull.pullNow(), pull.pullNow(), pull.pullNow()]);
    expect(calls).toBe(2);
  });
});
