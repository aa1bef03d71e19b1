import { describe, expect, it } from 'vitest';
import { createBodyBudget } from './body-budget';
import { Unavailable } from './errors';

describe('the memory for request bodies', () => {
  it('grants reservations while they fit, then first come first served as room is given back', async () => {
    const budget = createBodyBudget({ bytes: 100, waitMs: 60_000 });
    const first = await budget.reserve(60);
    const second = await budget.reserve(40);
    const granted: string[] = [];
    const third = budget.reserve(50).then((release) => (granted.push('third'), release));
    const fourth = budget.reserve(10).then((release) => (granted.push('fourth'), release));
    await Promise.resolve();
    expect(granted).toEqual([]); // the small one does not jump the queue
    first();
    first(); // giving back twice gives back once
    await Promise.all([third, fourth]);
    expect(granted).toEqual(['third', 'fourth']);
    const fifth = budget.reserve(1);
    let fifthGranted = false;
    void fifth.then(() => (fifthGranted = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(fifthGranted).toBe(false);
    second();
    await fifth;
  });

  it('answers 503 with Retry-After to a body that finds no room within the wait', async () => {
    const budget = createBodyBudget({ bytes: 100, waitMs: 20 });
    const held = await budget.reserve(100);
    const refused = await budget.reserve(1).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(Unavailable);
    expect(refused).toMatchObject({ status: 503, retryAfterSeconds: 1 });
    held();
    // More than the whole budget asks for all of it, rather than never being granted.
    (await budget.reserve(1_000))();
  });
});
