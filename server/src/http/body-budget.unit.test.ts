import { describe, expect, it } from 'vitest';
import { createBodyBudget } from './body-budget';
import { Unavailable } from './errors';

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('what the process spends on request bodies', () => {
  it('admits so many bodies at once, the next in the order they came as places are given back', async () => {
    const budget = createBodyBudget({ readers: 2, bytes: 1_000, waitMs: 60_000 });
    const first = await budget.admit('127.0.0.1');
    const second = await budget.admit('127.0.0.1');
    const admitted: string[] = [];
    const third = budget.admit('127.0.0.1').then((account) => (admitted.push('third'), account));
    const fourth = budget.admit('127.0.0.1').then((account) => (admitted.push('fourth'), account));
    await turn();
    expect(admitted).toEqual([]);
    first.close();
    first.close(); // giving back twice gives back once
    await third;
    await turn();
    expect(admitted).toEqual(['third']);
    second.close();
    (await fourth).close();
    (await third).close();
  });

  it('counts bytes as they are taken, first come first served, and gives them all back on close', async () => {
    const budget = createBodyBudget({ readers: 10, bytes: 100, waitMs: 60_000 });
    const big = await budget.admit('127.0.0.1');
    await big.take(60);
    await big.take(40);
    const other = await budget.admit('127.0.0.1');
    let taken = false;
    const waiting = other.take(30).then(() => (taken = true));
    await turn();
    expect(taken).toBe(false);
    big.close();
    await waiting;
    other.close();
  });

  it('answers 503 with Retry-After to a body that finds no place, or no room, within the wait', async () => {
    const budget = createBodyBudget({ readers: 1, bytes: 100, waitMs: 20 });
    const held = await budget.admit('127.0.0.1');
    const refused = await budget.admit('127.0.0.1').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(Unavailable);
    expect(refused).toMatchObject({ status: 503, retryAfterSeconds: 1 });
    await held.take(100);
    held.close();

    const one = await budget.admit('127.0.0.1');
    await one.take(100);
    const more = createBodyBudget({ readers: 5, bytes: 100, waitMs: 20 });
    const full = await more.admit('127.0.0.1');
    await full.take(100);
    const starved = await more.admit('127.0.0.1');
    await expect(starved.take(1)).rejects.toBeInstanceOf(Unavailable);
    // More than the whole budget asks for all of it, rather than never being granted.
    full.close();
    await starved.take(1_000);
    starved.close();
    one.close();
  });

  it('lets one address hold or wait for only its share of the places, and gives them back as they close', async () => {
    // 64 places: two per address (a 32nd), but never fewer than four.
    const budget = createBodyBudget({ readers: 64, bytes: 1_000, waitMs: 60_000 });
    const held = await Promise.all(Array.from({ length: 4 }, () => budget.admit('10.0.0.1')));
    await expect(budget.admit('10.0.0.1')).rejects.toBeInstanceOf(Unavailable);
    const other = await budget.admit('10.0.0.2');
    held[0]!.close();
    held[0]!.close(); // once
    const again = await budget.admit('10.0.0.1');
    await expect(budget.admit('10.0.0.1')).rejects.toBeInstanceOf(Unavailable);

    // Waiting for a place counts: an address cannot queue more than its share behind a full budget either.
    const small = createBodyBudget({ readers: 1, bytes: 1_000, waitMs: 20 });
    const only = await small.admit('10.0.0.9');
    const waiters = Array.from({ length: 4 }, () => small.admit('10.0.0.1').catch((error: unknown) => error));
    await expect(small.admit('10.0.0.1')).rejects.toBeInstanceOf(Unavailable);
    // Those that waited in vain gave their share back.
    for (const waited of await Promise.all(waiters)) expect(waited).toBeInstanceOf(Unavailable);
    only.close();
    (await small.admit('10.0.0.1')).close();
    [...held.slice(1), other, again].forEach((account) => account.close());
  });
});
