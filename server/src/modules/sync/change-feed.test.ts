import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/support';
import type { ShopDatabase } from '../../db/database';
import { inTransaction } from '../../db/transaction';
import { feedHead, readChanges, recordChanges } from './change-log';

let database: ShopDatabase & { drop(): Promise<void> };

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database?.drop());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the change feed', () => {
  it('pages in sequence order with a cursor', async () => {
    const start = await feedHead(database.db);
    await inTransaction(database.db, (tx) =>
      recordChanges(
        tx,
        Array.from({ length: 5 }, (_, i) => ({
          entity: 'product' as const,
          entityId: `P${i}`,
          operation: 'upsert' as const,
        })),
      ),
    );
    const first = await readChanges(database.db, start, 3);
    expect(first.changes.map((c) => c.entityId)).toEqual(['P0', 'P1', 'P2']);
    expect(first).toMatchObject({ cursor: start + 3, hasMore: true });
    const rest = await readChanges(database.db, first.cursor, 3);
    expect(rest.changes.map((c) => c.seq)).toEqual([start + 4, start + 5]);
    expect(rest.hasMore).toBe(false);
    expect(await readChanges(database.db, rest.cursor, 3)).toEqual({
      changes: [],
      cursor: rest.cursor,
      hasMore: false,
    });
  });

  it('a puller never misses a change while many writers commit concurrently, even slow ones', async () => {
    const writers = 12;
    const perWriter = 15;
    const start = await feedHead(database.db);
    let writing = true;

    const write = async (writer: number) => {
      for (let i = 0; i < perWriter; i++) {
        await inTransaction(database.db, async (tx) => {
          await recordChanges(tx, [{ entity: 'stock', entityId: `W${writer}-${i}`, operation: 'upsert' }]);
          // Hold the transaction open after taking a number: with AUTO_INCREMENT numbering, this is exactly when a
          // later number commits first and a reader skips the earlier one.
          await sleep((writer * 7 + i * 3) % 5);
        });
      }
    };
    const seen: number[] = [];
    const pull = async () => {
      let cursor = start;
      for (;;) {
        const stillWriting = writing;
        const page = await readChanges(database.db, cursor, 7);
        seen.push(...page.changes.map((c) => c.seq));
        cursor = page.cursor;
        if (!stillWriting && !page.hasMore) return;
        if (!page.hasMore) await sleep(1);
      }
    };

    const puller = pull();
    await Promise.all(Array.from({ length: writers }, (_, w) => write(w)));
    writing = false;
    await puller;

    const expected = Array.from({ length: writers * perWriter }, (_, i) => start + i + 1);
    expect(seen).toEqual(expected);
    const committed = await database.db
      .selectFrom('change_log')
      .select('entity_id')
      .where('seq', '>', start)
      .execute();
    expect(new Set(committed.map((c) => c.entity_id)).size).toBe(writers * perWriter);
  });

  it('a rolled-back transaction leaves no change and no gap', async () => {
    const start = await feedHead(database.db);
    await expect(
      inTransaction(database.db, async (tx) => {
        await recordChanges(tx, [{ entity: 'brand', entityId: 'B1', operation: 'upsert' }]);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    await inTransaction(database.db, (tx) =>
      recordChanges(tx, [{ entity: 'brand', entityId: 'B2', operation: 'upsert' }]),
    );
    const page = await readChanges(database.db, start, 10);
    expect(page.changes.map((c) => [c.seq, c.entityId])).toEqual([[start + 1, 'B2']]);
  });
});
