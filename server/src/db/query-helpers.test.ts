import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/support';
import type { ShopDatabase } from './database';
import { joinInOrder, orUpdate } from './dialect';
import { pageOf } from './paging';

let database: ShopDatabase & { drop(): Promise<void> };

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database?.drop());

describe('pageOf', () => {
  it('answers each page of the ordered rows and the total of the matching ones, without gaps or repeats', async () => {
    const { db } = database;
    const names = ['page-a', 'page-b', 'page-c', 'page-d', 'page-e'];
    await db
      .insertInto('counters')
      .values(names.map((name, i) => ({ name, value: i })))
      .execute();
    const ours = () => db.selectFrom('counters').where('name', 'like', 'page-%');
    const page = (n: number) =>
      pageOf(ours().select(['name', 'value']).orderBy('name'), ours(), { page: n, pageSize: 2 });

    const pages = await Promise.all([1, 2, 3, 4].map(page));
    expect(pages.map((p) => p.total)).toEqual([5, 5, 5, 5]);
    expect(pages.map((p) => p.rows.map((r) => r.name))).toEqual([
      ['page-a', 'page-b'],
      ['page-c', 'page-d'],
      ['page-e'],
      [],
    ]);
    expect(typeof pages[0]!.total).toBe('number');
  });
});

describe('orUpdate', () => {
  it('inserts a new key, then updates the row of an existing key in place', async () => {
    const { db } = database;
    const put = (value: number) =>
      orUpdate(db, db.insertInto('counters').values({ name: 'upsert-x', value }), 'name', {
        value,
      }).execute();
    await put(1);
    await put(7);
    const rows = await db.selectFrom('counters').selectAll().where('name', '=', 'upsert-x').execute();
    expect(rows.map((r) => ({ name: r.name, value: Number(r.value) }))).toEqual([
      { name: 'upsert-x', value: 7 },
    ]);
  });
});

describe('joinInOrder', () => {
  it('joins like an inner join on both dialects', async () => {
    const { db } = database;
    await db
      .insertInto('counters')
      .values([
        { name: 'join-a', value: 1 },
        { name: 'join-b', value: 2 },
      ])
      .execute();
    const result = await sql<{ name: string }>`select b.name from counters a ${joinInOrder(db)} counters b
      on b.value = a.value + 1 where a.name = 'join-a' and b.name like 'join-%'`.execute(db);
    expect(result.rows.map((r) => r.name)).toEqual(['join-b']);
  });
});
