import { randomBytes } from 'node:crypto';
import type { BakongClient } from './bakong-client';

export interface BakongReachability {
  reachable: boolean;
  checkedAt: number;
  latencyMs: number;
  /** Why Bakong did not answer as Bakong (the client's reason), or null when it did. */
  reason: string | null;
}

/** How long one probe's answer is kept: the health screen refreshes every 15 s and Prometheus scrapes as often. */
export const BAKONG_PROBE_KEEP_MS = 60_000;

/**
 * Whether Bakong answers, asked at most once a minute however often the health screen or /metrics look. The probe
 * asks about a payment that cannot exist (a random md5), as `npm run shop -- bakong-check` does: "not found" is
 * Bakong answering with our token accepted; a refusal, an outage or a timeout is unreachable for our payments.
 * The kept answer lives in this object, which the composition root makes once per shop.
 */
export function createBakongReachability(deps: {
  /** Null while Bakong's address is not known yet (the built-in stand-in before the server listens). */
  bakong: () => BakongClient | null;
  now?: () => number;
}): () => Promise<BakongReachability> {
  const now = deps.now ?? Date.now;
  let kept: BakongReachability | null = null;
  let asking: Promise<BakongReachability> | null = null;

  async function probe(): Promise<BakongReachability> {
    const started = now();
    const client = deps.bakong();
    const unavailable = { state: 'unknown', reason: 'unavailable' } as const;
    // Reading the token can fail too (the database): still an answer for the screen, never an error page.
    const answer = client
      ? await client.checkByMd5(randomBytes(16).toString('hex')).catch(() => unavailable)
      : unavailable;
    const checkedAt = now();
    return {
      reachable: answer.state !== 'unknown',
      checkedAt,
      latencyMs: Math.max(0, Math.round(checkedAt - started)),
      reason: answer.state === 'unknown' ? answer.reason : null,
    };
  }

  return () => {
    if (kept && now() - kept.checkedAt < BAKONG_PROBE_KEEP_MS) return Promise.resolve(kept);
    // Callers arriving while a probe is out share it rather than send their own.
    asking ??= probe()
      .then((answer) => (kept = answer))
      .finally(() => (asking = null));
    return asking;
  };
}
