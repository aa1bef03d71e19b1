import { describe, expect, it } from 'vitest';
import { createBodyBudget } from './body-budget';
import { Unavailable } from './errors';

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('what the process spends on request bodies', () => {
  it('admits so many bodies at once, the next in the order they came as places are given back', async () => {
    const budget = createBodyBudget({ readers: 2, bytes: 1_000, waitMs: 60_000 });
    const first = await budget.admit();
    const second = await budget.admit();
    const admitted: string[] = [];
    const third = budget.admit().then((account) => (admitted.push('third'), account));
    const fourth = budget.admit().then((account) => (admitted.push('fourth'), account));
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
    const big = await budget.admit();
    await big.take(60);
    await big.take(40);
    const other = await budget.admit();
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
    const held = await budget.admit();
    const refused = await budget.admit().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(Unavailable);
    expect(refused).toMatchObject({ status: 503, retryAfterSeconds: 1 });
    await held.take(100);
    held.close();

    const one = await budget.admit();
    await one.take(100);
    const more = createBodyBudget({ readers: 5, bytes: 100, waitMs: 20 });
    const full = await more.admit();
    await full.take(100);
    const starved = await more.admit();
    await expect(starved.take(1)).rejects.toBeInstanceOf(Unavailable);
    // More than the whole budget asks for all of it, rather than never being granted.
    full.close();
    await starved.take(1_000);
    starved.close();
    one.close();
  });
});
