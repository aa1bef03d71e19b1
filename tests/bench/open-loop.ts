import { percentile } from './stats';

/**
 * The open loop of the mixed-load benchmark, without any I/O: when each request is due and which kind it is, and
 * what its answers add up to. Requests start on their schedule however many are still in flight, and a request's
 * latency runs from the time it was due, not from when it was sent: a server that falls behind makes every later
 * request late, and that lateness is counted (closed-loop load, where a connection waits for its answer before
 * sending the next, hides it: "coordinated omission").
 */

export const requestKinds = ['browse', 'search', 'cart', 'checkout'] as const;
export type RequestKind = (typeof requestKinds)[number];
/** Counters' pushes run beside the mix on their own clock (one a second per counter). */
export type MeasuredKind = RequestKind | 'push';
export const measuredKinds: readonly MeasuredKind[] = [...requestKinds, 'push'];

/** The issue's mix, in percent of requests: 70 browse, 20 search, 8 cart, 2 checkout. */
export const issueMix: Readonly<Record<RequestKind, number>> = {
  browse: 70,
  search: 20,
  cart: 8,
  checkout: 2,
};

/** `browse=70,search=20,cart=8,checkout=2` (kinds left out weigh 0): the mix of `--mix`. */
export function parseMix(text: string): Record<RequestKind, number> {
  const mix: Record<RequestKind, number> = { browse: 0, search: 0, cart: 0, checkout: 0 };
  for (const part of text.split(',')) {
    const [kind, weight] = part.split('=').map((s) => s.trim());
    if (!requestKinds.includes(kind as RequestKind) || !/^\d+(\.\d+)?$/.test(weight ?? ''))
      throw new Error(`--mix: "${part}" is not kind=weight with a kind of ${requestKinds.join(', ')}`);
    mix[kind as RequestKind] = Number(weight);
  }
  if (requestKinds.every((k) => mix[k] === 0)) throw new Error('--mix: every weight is 0');
  return mix;
}

/**
 * The kind of each request in turn, by smooth weighted round robin (as nginx balances upstreams): every run of 50
 * requests holds exactly 35 browse, 10 search, 4 cart and 1 checkout, spread out rather than in bursts, the same
 * sequence every run.
 */
export function kindSequence(mix: Readonly<Record<RequestKind, number>>): () => RequestKind {
  const kinds = requestKinds.filter((k) => mix[k] > 0);
  if (kinds.length === 0) throw new Error('the mix has no request kind with a weight above 0');
  const total = kinds.reduce((sum, k) => sum + mix[k], 0);
  const current = new Map(kinds.map((k) => [k, 0]));
  return () => {
    let best = kinds[0]!;
    for (const k of kinds) {
      current.set(k, current.get(k)! + mix[k]);
      if (current.get(k)! > current.get(best)!) best = k;
    }
    current.set(best, current.get(best)! - total);
    return best;
  };
}

/** When the n-th request (from 0) is due, in ms after the start: a fixed rate, evenly spaced. */
export function dueAt(n: number, ratePerSec: number): number {
  return (n * 1000) / ratePerSec;
}

/** Requests due by `elapsedMs` of a run at `ratePerSec` lasting `seconds` (the count of n with dueAt(n) ≤ elapsed). */
export function dueBy(elapsedMs: number, ratePerSec: number, seconds: number): number {
  const total = Math.round(ratePerSec * seconds);
  return Math.min(total, Math.floor((elapsedMs * ratePerSec) / 1000) + 1);
}

/** What became of one request. */
export type Outcome =
  | { kind: 'answer'; status: number }
  /** No answer within the deadline. */
  | { kind: 'timeout' }
  /** The connection failed (refused, reset) before an answer. */
  | { kind: 'error'; message: string };

export interface KindFigures {
  count: number;
  /** Answered with a 2xx status. */
  ok: number;
  /** 409s that say "out of stock" / "only n available": the answer a shop must give when stock runs out. */
  outOfStock: number;
  /** Any other status, by code. */
  statuses: Record<string, number>;
  /** Answers other than 2xx and the expected 409, plus connection errors (timeouts counted apart). */
  errors: number;
  timeouts: number;
  /** From the time the request was due to its last byte (a timeout counts as its deadline), ms. */
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Mean time between due and actually sent (the generator's own lateness, and waits behind the same customer). */
  meanSendLagMs: number;
}

/** Collects outcomes per kind; `figures()` sums them up. */
export class OutcomeTally {
  private readonly latencies = new Map<MeasuredKind, number[]>();
  private readonly raw = new Map<
    MeasuredKind,
    {
      ok: number;
      outOfStock: number;
      statuses: Record<string, number>;
      errors: number;
      timeouts: number;
      lag: number;
    }
  >();

  constructor(private readonly timeoutMs: number) {
    for (const kind of measuredKinds) {
      this.latencies.set(kind, []);
      this.raw.set(kind, { ok: 0, outOfStock: 0, statuses: {}, errors: 0, timeouts: 0, lag: 0 });
    }
  }

  /**
   * One request: its kind, what became of it, its latency from when it was due, how late it was sent, and whether
   * a 409 was the expected out-of-stock refusal.
   */
  add(kind: MeasuredKind, outcome: Outcome, latencyMs: number, sendLagMs: number, expected409 = false): void {
    const raw = this.raw.get(kind)!;
    raw.lag += sendLagMs;
    if (outcome.kind === 'timeout') {
      raw.timeouts++;
      this.latencies.get(kind)!.push(Math.max(latencyMs, this.timeoutMs));
      return;
    }
    this.latencies.get(kind)!.push(latencyMs);
    if (outcome.kind === 'error') {
      raw.errors++;
      raw.statuses.error = (raw.statuses.error ?? 0) + 1;
      return;
    }
    if (outcome.status >= 200 && outcome.status < 300) raw.ok++;
    else if (outcome.status === 409 && expected409) raw.outOfStock++;
    else {
      raw.errors++;
      raw.statuses[outcome.status] = (raw.statuses[outcome.status] ?? 0) + 1;
    }
  }

  figures(kind: MeasuredKind): KindFigures {
    const values = this.latencies.get(kind)!;
    const raw = this.raw.get(kind)!;
    return {
      count: values.length,
      ok: raw.ok,
      outOfStock: raw.outOfStock,
      statuses: { ...raw.statuses },
      errors: raw.errors,
      timeouts: raw.timeouts,
      p50Ms: percentile(values, 50),
      p95Ms: percentile(values, 95),
      p99Ms: percentile(values, 99),
      maxMs: values.length ? Math.max(...values) : Number.NaN,
      meanSendLagMs: values.length ? raw.lag / values.length : Number.NaN,
    };
  }

  /** Every request of the mix (pushes apart: they are not part of the rate), as one population. */
  overall(): { count: number; p50Ms: number; p95Ms: number; p99Ms: number } {
    const values = requestKinds.flatMap((k) => this.latencies.get(k)!);
    return {
      count: values.length,
      p50Ms: percentile(values, 50),
      p95Ms: percentile(values, 95),
      p99Ms: percentile(values, 99),
    };
  }
}
