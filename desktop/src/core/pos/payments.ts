import { KHR_CASH_STEP, usdCentsToKhr, type Currency } from '@shop/shared';
import { PosError } from '../errors';
import { cartTotals, isPendingKhqr, type Cart, type CartPayment, type OnlineKhqr } from './cart';
import { refuse } from '../refusals';

export type PaymentInput =
  | { method: 'cash'; currency: Currency; tendered: number; changeCurrency?: Currency }
  | { method: 'khqr'; currency: Currency; amount: number; staffConfirmed: boolean };

/** What is due in a currency: USD cents as they are, riel rounded to the 100-riel step the drawer can pay. */
export function dueIn(currency: Currency, dueCents: number, rielPerUsd: number): number {
  return currency === 'USD' ? dueCents : usdCentsToKhr(dueCents, rielPerUsd);
}

/** Riel for `cents` before rounding to a note (half up to the riel). */
function exactRiel(cents: number, rielPerUsd: number): number {
  return Math.floor((cents * rielPerUsd + 50) / 100);
}

/** The USD cents an amount covers; riel short of the rounded total cover what they are worth, rounded down. */
function centsCovered(currency: Currency, amount: number, rielPerUsd: number): number {
  return currency === 'USD' ? amount : Math.floor((amount * 100) / rielPerUsd);
}

/**
 * Takes one payment toward the sale. Cash may be more than due: the change is given in the currency the customer
 * asks for (riel change rounded down to 100 riel, so the drawer can pay it). A payment in riel that settles the rest
 * records the rounding to the 100-riel step as its own amount, shown as a receipt line. A static KHQR (offline)
 * counts only when staff confirm they saw the money arrive on the shop's phone.
 */
export function takePayment(cart: Cart, input: PaymentInput, rielPerUsd: number): Cart {
  const { dueCents } = cartTotals(cart);
  if (cart.lines.length === 0) throw refuse('invalid', 'nothingToPay');
  assertNoPendingKhqr(cart);
  if (dueCents <= 0) throw refuse('invalid', 'alreadyPaid');
  const offered = input.method === 'cash' ? input.tendered : input.amount;
  if (!Number.isSafeInteger(offered) || offered <= 0)
    throw new PosError('invalid', 'enter the amount as a whole number of cents or riel, more than 0');
  if (input.currency === 'KHR' && offered % KHR_CASH_STEP !== 0 && input.method === 'cash')
    throw refuse('invalid', 'rielSteps');
  const due = dueIn(input.currency, dueCents, rielPerUsd);
  const settlesAll = offered >= due;
  if (input.method === 'khqr') {
    if (!input.staffConfirmed) throw refuse('invalid', 'khqrConfirmFirst');
    if (offered > due) throw refuse('invalid', 'khqrOverDue');
  }
  const amount = Math.min(offered, due);
  const overpaid = offered - amount;
  const changeCurrency = input.method === 'cash' ? (input.changeCurrency ?? input.currency) : input.currency;
  let change = overpaid;
  if (changeCurrency !== input.currency)
    change =
      changeCurrency === 'KHR'
        ? Math.floor(exactRiel(overpaid, rielPerUsd) / KHR_CASH_STEP) * KHR_CASH_STEP
        : Math.floor((overpaid * 100) / rielPerUsd);
  const payment: CartPayment = {
    method: input.method,
    currency: input.currency,
    amount,
    ...(input.method === 'cash' && { tendered: offered }),
    change,
    changeCurrency,
    coversCents: settlesAll ? dueCents : Math.min(dueCents, centsCovered(input.currency, amount, rielPerUsd)),
    roundingRiel: settlesAll && input.currency === 'KHR' ? due - exactRiel(dueCents, rielPerUsd) : 0,
    staffConfirmed: input.method === 'khqr',
  };
  return { ...cart, payments: [...cart.payments, payment] };
}

/** Takes back the last payment (the cashier typed the wrong amount). */
export function removeLastPayment(cart: Cart): Cart {
  if (cart.payments.length === 0) throw new PosError('invalid', 'no payment to remove');
  // The customer's money reached the shop's account: taking it off would have them pay twice.
  if (cart.payments.at(-1)!.online?.status === 'paid')
    throw new PosError(
      'conflict',
      'this KHQR was paid: finish the sale, or clear it and have staff refund the money',
    );
  return { ...cart, payments: cart.payments.slice(0, -1) };
}

/** While a dynamic KHQR is on screen the customer may pay it any moment: nothing else is taken meanwhile. */
export function assertNoPendingKhqr(cart: Cart): void {
  if (cart.payments.some(isPendingKhqr)) throw refuse('conflict', 'khqrWaiting');
}

/** What a dynamic KHQR must ask for: all that is due, in riel rounded to the 100-riel step as a riel payment is. */
export function khqrAmountDue(cart: Cart, currency: Currency, rielPerUsd: number): number {
  if (cart.lines.length === 0) throw refuse('invalid', 'nothingToPay');
  assertNoPendingKhqr(cart);
  const { dueCents } = cartTotals(cart);
  if (dueCents <= 0) throw refuse('invalid', 'alreadyPaid');
  return dueIn(currency, dueCents, rielPerUsd);
}

/**
 * Puts a dynamic KHQR the server made on the sale, for all that was due: it counts (with its riel rounding) only
 * once the server saw it paid (`khqrPaid`).
 */
export function addPendingKhqr(
  cart: Cart,
  request: Omit<OnlineKhqr, 'status'> & { currency: Currency; amount: number },
  rielPerUsd: number,
): Cart {
  const { currency, amount, ...online } = request;
  if (amount !== khqrAmountDue(cart, currency, rielPerUsd))
    throw new PosError('conflict', 'the sale changed while the KHQR was made: cancel it and start again');
  const payment: CartPayment = {
    method: 'khqr',
    currency,
    amount,
    change: 0,
    changeCurrency: currency,
    coversCents: cartTotals(cart).dueCents,
    roundingRiel: currency === 'KHR' ? amount - exactRiel(cartTotals(cart).dueCents, rielPerUsd) : 0,
    staffConfirmed: false,
    online: { ...online, status: 'pending' },
  };
  return { ...cart, payments: [...cart.payments, payment] };
}

/** The sale's dynamic KHQR still on screen (pending), if any. */
export function pendingKhqrOf(cart: Cart): OnlineKhqr | undefined {
  return cart.payments.find(isPendingKhqr)?.online;
}

/** The server saw the KHQR paid: from now on it counts toward the sale. */
export function khqrPaid(cart: Cart, id: string): Cart {
  return {
    ...cart,
    payments: cart.payments.map((payment) =>
      payment.online?.id === id
        ? { ...payment, online: { ...payment.online, status: 'paid' as const } }
        : payment,
    ),
  };
}

/** Takes a KHQR that was not paid off the sale (cancelled, or expired). */
export function dropKhqr(cart: Cart, id: string): Cart {
  return { ...cart, payments: cart.payments.filter((payment) => payment.online?.id !== id) };
}
