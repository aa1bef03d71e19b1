import { ApiError, type CounterKhqrStatus, type Currency } from '@shop/shared';
import QRCode from 'qrcode';
import { ulid } from 'ulidx';
import { PosError } from '../errors';
import type { SyncTransport } from '../sync/transport';
import type { Cart } from './cart';
import { addPendingKhqr, dropKhqr, khqrAmountDue, khqrPaid, pendingKhqrOf } from './payments';

/**
 * KHQR through the shop's one payment flow (decision 0006): the server makes a dynamic KHQR of what is due, the
 * counter shows it and asks the server (never Bakong: the token is the server's) until its payment job saw the money
 * arrive. Offline there is no such QR: the cashier uses the shop's static QR and confirms the money on the shop
 * phone (`pay` with `staffConfirmed`), which the server marks for reconciliation.
 */
export interface KhqrOnScreen {
  khqr: string;
  md5: string;
  amount: number;
  currency: Currency;
  expiresAt: number;
  /** The QR as a PNG data URL, for a screen that does not draw QR codes itself. */
  qrDataUrl: string;
}

export interface KhqrCheck {
  status: CounterKhqrStatus;
  expiresAt: number;
  /** Why a KHQR did not pay (money that does not match it, for staff to review). */
  problem?: string;
}

const OFFLINE =
  "The shop server cannot be reached, so no KHQR can be made or confirmed now: show the shop's static KHQR and " +
  'confirm the payment on the shop phone (staff confirmation; it is reconciled later).';

/** The server's refusal as something the cashier can act on; anything unreachable is `offline`. */
function asPosError(error: unknown): PosError {
  if (error instanceof PosError) return error;
  if (error instanceof ApiError) {
    if (error.status === 409) return new PosError('conflict', error.message);
    if (error.status === 404) return new PosError('not_found', 'the server does not know this KHQR');
    if (error.status === 401 || error.status === 403)
      return new PosError('forbidden', `the server refused this counter: ${OFFLINE}`);
    if (error.status === 400) return new PosError('invalid', error.message);
    // Too many of this counter's KHQRs are waiting: the way out is the static QR, said as it is.
    if (error.status === 429)
      return new PosError('offline', `${error.message} Confirm the static KHQR payment on the shop phone.`);
    // The server answers but cannot make a KHQR (no merchant account set up): the same way out as offline.
    if (error.status === 503 && error.code === 'unavailable')
      return new PosError('offline', `${error.message} Confirm the static KHQR payment on the shop phone.`);
  }
  return new PosError('offline', OFFLINE);
}

export function onlineKhqr(deps: { transport: () => SyncTransport | null; now: () => number }) {
  const server = () => {
    const transport = deps.transport();
    if (!transport?.requestKhqr || !transport.khqrState) throw new PosError('offline', OFFLINE);
    return { request: transport.requestKhqr.bind(transport), state: transport.khqrState.bind(transport) };
  };

  return {
    /**
     * Asks the server for a KHQR of all that is due in `currency`. `current` is read again after the server
     * answered: the sale on screen may have changed meanwhile, and then the QR is not used.
     */
    async start(
      cart: Cart,
      currency: Currency,
      rielPerUsd: number,
      current: () => Cart,
    ): Promise<{ cart: Cart; shown: KhqrOnScreen }> {
      const amount = khqrAmountDue(cart, currency, rielPerUsd);
      const id = ulid(deps.now());
      const made = await server()
        .request({ id, amount, currency })
        .catch((error: unknown) => {
          throw asPosError(error);
        });
      const next = addPendingKhqr(
        current(),
        { id, md5: made.md5, khqr: made.khqr, expiresAt: made.expiresAt, currency, amount: made.amount },
        rielPerUsd,
      );
      const qrDataUrl = await QRCode.toDataURL(made.khqr, {
        errorCorrectionLevel: 'M',
        margin: 2,
        width: 320,
      });
      return {
        cart: next,
        shown: {
          khqr: made.khqr,
          md5: made.md5,
          amount: made.amount,
          currency,
          expiresAt: made.expiresAt,
          qrDataUrl,
        },
      };
    },

    /**
     * Asks the server whether the KHQR on screen was paid: paid, it counts toward the sale; expired (or refused
     * for money that does not match), it leaves the sale and another way of paying is needed.
     */
    async check(cart: Cart, current: () => Cart): Promise<{ cart: Cart; check: KhqrCheck }> {
      const pending = pendingKhqrOf(cart);
      if (!pending) throw new PosError('not_found', 'no KHQR is waiting for payment on this sale');
      const state = await server()
        .state(pending.id)
        .catch((error: unknown) => {
          throw asPosError(error);
        });
      const check: KhqrCheck = {
        status: state.status,
        expiresAt: state.expiresAt,
        ...(state.problem && { problem: state.problem }),
      };
      const latest = current();
      if (state.status === 'paid') return { cart: khqrPaid(latest, pending.id), check };
      if (state.status === 'expired') return { cart: dropKhqr(latest, pending.id), check };
      return { cart: latest, check };
    },

    /** Takes the KHQR on screen off the sale. Paid later anyway, the server flags it for staff to give back. */
    cancel(cart: Cart): Cart {
      const pending = pendingKhqrOf(cart);
      if (!pending) throw new PosError('not_found', 'no KHQR is waiting for payment on this sale');
      return dropKhqr(cart, pending.id);
    },
  };
}
