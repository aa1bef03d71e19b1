import { describe, expect, it } from 'vitest';
import { dueAt, dueBy, issueMix, kindSequence, OutcomeTally, parseMix } from './open-loop';

describe('the open loop schedule', () => {
  it('gives every run of 50 requests exactly the issue’s mix, spread out rather than in bursts', () => {
    const next = kindSequence(issueMix);
    const kinds = Array.from({ length: 1_000 }, () => next());
    for (let start = 0; start < kinds.length; start += 50) {
      const window = kinds.slice(start, start + 50);
      const count = (kind: string) => window.filter((k) => k === kind).length;
      expect([count('browse'), count('search'), count('cart'), count('checkout')]).toEqual([35, 10, 4, 1]);
    }
    // No two checkouts or four carts in a row: the weighted round robin interleaves.
    expect(kinds.join(',')).not.toContain('checkout,checkout');
    expect(kinds.join(',')).not.toContain('cart,cart');
  });

  it('starts requests on the clock, however many are in flight', () => {
    expect([0, 1, 2, 1000].map((n) => dueAt(n, 1_000))).toEqual([0, 1, 2, 1_000]);
    expect(dueAt(3, 300)).toBeCloseTo(10);
    // At 1,000/s, 10.5 ms in: requests 0..10 are due; the run's total caps it.
    expect(dueBy(10.5, 1_000, 60)).toBe(11);
    expect(dueBy(120_000, 1_000, 60)).toBe(60_000);
  });

  it('reads a mix from the command line and refuses what is not one', () => {
    expect(parseMix('browse=100')).toEqual({ browse: 100, search: 0, cart: 0, checkout: 0 });
    expect(parseMix('cart=8, checkout=2')).toEqual({ browse: 0, search: 0, cart: 8, checkout: 2 });
    expect(() => parseMix('browse=lots')).toThrow(/kind=weight/);
    expect(() => parseMix('basket=3')).toThrow(/kind=weight/);
    expect(() => parseMix('browse=0')).toThrow(/every weight is 0/);
  });
});

describe('the tally of outcomes', () => {
  it('counts latency from when each request was due, timeouts at their deadline, and 409s apart only when expected', () => {
    const tally = new OutcomeTally(10_000);
    // 97 fast answers, then a server that fell behind: the late ones count with their whole wait.
    for (let i = 0; i < 97; i++) tally.add('browse', { kind: 'answer', status: 200 }, 2, 0);
    tally.add('browse', { kind: 'answer', status: 200 }, 900, 850);
    tally.add('browse', { kind: 'timeout' }, 3_000, 0);
    tally.add('browse', { kind: 'answer', status: 503 }, 40, 0);
    tally.add('checkout', { kind: 'answer', status: 409 }, 30, 0, true);
    tally.add('checkout', { kind: 'answer', status: 409 }, 30, 0, false);
    tally.add('cart', { kind: 'error', message: 'ECONNRESET' }, 5, 0);

    const browse = tally.figures('browse');
    expect(browse).toMatchObject({ count: 100, ok: 98, errors: 1, timeouts: 1, statuses: { 503: 1 } });
    expect(browse.p50Ms).toBe(2);
    expect(browse.p99Ms).toBe(900);
    expect(browse.maxMs).toBe(10_000);
    expect(browse.meanSendLagMs).toBeCloseTo(8.5);
    expect(tally.figures('checkout')).toMatchObject({ count: 2, ok: 0, outOfStock: 1, errors: 1 });
    expect(tally.figures('cart')).toMatchObject({ count: 1, errors: 1, statuses: { error: 1 } });
    expect(tally.figures('push').count).toBe(0);
    // Overall: the mix's requests as one population (pushes apart).
    expect(tally.overall().count).toBe(103);
  });
});
