import type { Db } from '../../db/database';
import type { Handlers } from '../../http/routes';
import { counterKhqrState, requestCounterKhqr } from './counter-khqr';
import type { PaymentPolicy } from './service';

/** A counter's online KHQR: asked for and polled with the device's own token (sync routes). */
export function counterKhqrHandlers(
  db: Db,
  policy: PaymentPolicy,
): Handlers<'requestCounterKhqr' | 'getCounterKhqr'> {
  return {
    requestCounterKhqr: ({ counter, body }) => requestCounterKhqr(db, counter, body, policy),
    getCounterKhqr: ({ counter, params }) => counterKhqrState(db, counter, params.id),
  };
}
