import { DEFAULT_COUNTER_POLICY, type CounterPolicy, type Locale } from '@shop/shared';

/** Rules of the counter that are not shop settings, and what it uses before the shop's settings were pulled. */
export interface PosConfig {
  /**
   * The most staff and admins may take off a sale, in percent of its value before discounts (line and sale
   * discounts), until the shop's counter policy (`counter.policy`, set with `npm run shop -- set-counter`) is pulled.
   */
  discountLimitPercent: CounterPolicy['discountLimitPercent'];
  /** Riel per US dollar when the shop's pricing setting has not been pulled yet. */
  fallbackRielPerUsd: number;
  /** Wrong PINs in a row before the PIN pad locks, and the first lock's length (each further lock doubles it). */
  pinAttempts: number;
  pinLockMs: number;
  /**
   * How long a pull or push may take before the counter gives up and tries again later. Without it, a connection
   * that dies without a reset (Wi-Fi gone, a router's black hole) holds the pusher for undici's 5-minute default
   * while sales queue up behind it.
   */
  requestTimeoutMs: number;
  /**
   * The language receipts are made in when the screen does not say. Staff records carry no language the counter
   * could use (SyncStaff has none), so it is the counter's, Khmer first as the shop's customers read.
   */
  receiptLanguage: Locale;
  /** The back office's server session is closed after this long without a request. */
  backOfficeIdleMs: number;
}

export const defaultPosConfig: PosConfig = {
  discountLimitPercent: DEFAULT_COUNTER_POLICY.discountLimitPercent,
  fallbackRielPerUsd: 4_100,
  pinAttempts: 5,
  pinLockMs: 5 * 60 * 1000,
  requestTimeoutMs: 60_000,
  receiptLanguage: 'km',
  backOfficeIdleMs: 15 * 60 * 1000,
};
