import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { Change, ChangeEntity, ChangesPage, PushBody, SyncProduct, SyncStaff } from '@shop/shared';
import { testPinVerifier } from './cashier';
import type { SyncTransport } from '../sync/transport';

/** A fresh data folder per test, removed afterwards. */
export function tempDirs() {
  const made: string[] = [];
  afterEach(() => {
    for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pos-core-'));
    made.push(dir);
    return dir;
  };
}

export function product(id: string, fields: Partial<SyncProduct> = {}): SyncProduct {
  return {
    id,
    sku: `SKU-${id}`,
    barcode: null,
    name: `Product ${id}`,
    categoryId: null,
    brandId: null,
    priceCents: 10_00,
    salePriceCents: null,
    serialized: false,
    warrantyMonths: 12,
    active: true,
    available: 10,
    thumbnailUrl: null,
    ...fields,
  };
}

export function staffMember(id: string, fields: Partial<SyncStaff> = {}): SyncStaff {
  return {
    id,
    name: `Staff ${id}`,
    email: `${id}@shop.test`,
    role: 'staff',
    active: true,
    pinVerifier: testPinVerifier,
    ...fields,
  };
}

/** A page of changes numbered from `firstSeq`, upserts of the given entities. */
export function page(
  firstSeq: number,
  items: { entity: ChangeEntity; id: string; data: unknown; operation?: 'upsert' | 'delete' }[],
  hasMore = false,
): ChangesPage {
  const changes: Change[] = items.map((item, i) => ({
    seq: firstSeq + i,
    entity: item.entity,
    entityId: item.id,
    operation: item.operation ?? 'upsert',
    at: 1_000,
    data: item.operation === 'delete' ? null : item.data,
  }));
  return { changes, cursor: firstSeq + items.length - 1, hasMore };
}

/** A stand-in for the server's sync routes: serves the given pages in turn, records pushes, answers `applied`. */
export function feedTransport(pages: ChangesPage[]) {
  const pushed: PushBody[] = [];
  const transport: SyncTransport = {
    async pull(after) {
      return (
        pages.find((p) => p.changes[0] && p.changes[0].seq > after) ?? {
          changes: [],
          cursor: after,
          hasMore: false,
        }
      );
    },
    async push(body) {
      pushed.push(body);
      return {
        results: body.items.map((item) => ({
          id: item.id,
          status: 'applied' as const,
          orderId: `o-${item.id}`,
        })),
      };
    },
  };
  return { transport, pushed, pages };
}

export { cashierSignedIn, TEST_PIN } from './cashier';
