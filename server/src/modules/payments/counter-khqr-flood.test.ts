import { ulid } from 'ulidx';
import { describe, expect, it } from 'vitest';
import type { ApiError } from '@shop/shared';
import { failure, useTestShopWithCounters, type TestCounter } from '../../../test/factory';
import { OPEN_REQUESTS_PER_COUNTER } from './counter-khqr';

/**
 * Every KHQR a counter asks for is a payment the one payment job asks Bakong about, 50 at a time, until it expires.
 * A counter whose token was stolen (or whose app loops) must not bury the web shop's payments under its own: the
 * customers' QRs would wait minutes for their confirmation, and Bakong's limits would be spent on nothing.
 */
const {
  shop,
  counters: [front, back],
} = useTestShopWithCounters(['Front', 'Back'], { env: { BAKONG_POLL_MS: '3600000' } });
const ask = (by: TestCounter, id = ulid()) =>
  by.client.requestCounterKhqr({ body: { id, amount: 10_00, currency: 'USD' } });

describe("a counter's online KHQRs waiting at once", () => {
  it('are limited per counter: one more is 429, a retry of one asked is still answered, other counters go on', async () => {
    const first = ulid();
    await ask(front, first);
    for (let i = 1; i < OPEN_REQUESTS_PER_COUNTER; i++) await ask(front);

    const error = await failure<ApiError>(ask(front));
    expect(error).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(error.message).toMatch(/static QR/);
    // A retry of a request already made is the same QR, not a new one.
    expect((await ask(front, first)).id).toBe(first);
    expect((await ask(back)).status).toBe('pending');

    const rows = await shop.server.database.db
      .selectFrom('payments')
      .select('id')
      .where('device_id', '=', front.id)
      .execute();
    expect(rows).toHaveLength(OPEN_REQUESTS_PER_COUNTER);
  });

  it('that expired no longer count', async () => {
    await shop.server.database.db
      .updateTable('payments')
      .set({ expires_at: Date.now() - 1 })
      .where('device_id', '=', front.id)
      .execute();
    expect((await ask(front)).status).toBe('pending');
  });
});
