import { BAKONG_TOKEN_WARNING_MS } from '@shop/shared';
import { describe, expect, it } from 'vitest';
import { tokenExpiry } from './token-warning';

const DAY = 24 * 60 * 60_000;
const now = Date.UTC(2026, 11, 7, 12);

describe('the Bakong token expiry warning', () => {
  it('says nothing of a token with weeks left, or of one whose expiry is unknown', () => {
    expect(tokenExpiry(now + 30 * DAY, now)).toBeNull();
    expect(tokenExpiry(now + BAKONG_TOKEN_WARNING_MS + 1, now)).toBeNull();
    expect(tokenExpiry(null, now)).toBeNull();
  });

  it('warns from 14 days before, with the whole days left', () => {
    expect(tokenExpiry(now + BAKONG_TOKEN_WARNING_MS, now)).toEqual({ state: 'soon', days: 14 });
    expect(tokenExpiry(now + 10 * DAY - 60_000, now)).toEqual({ state: 'soon', days: 10 });
    expect(tokenExpiry(now + 60_000, now)).toEqual({ state: 'soon', days: 1 });
  });

  it('says an expired token has expired', () => {
    expect(tokenExpiry(now, now)).toEqual({ state: 'expired' });
    expect(tokenExpiry(now - DAY, now)).toEqual({ state: 'expired' });
  });
});
