import { PosError, type PosErrorCode } from './errors';

type Params = Record<string, string | number>;

/**
 * The refusals a cashier meets every day (sign-in, discounts, payments, stock, sync), by key. The core words them in
 * English; the key and its values travel with the error so the screens can say it in the cashier's language
 * (renderer/refusal-texts.ts has the Khmer, one text per key, checked by the compiler).
 */
export const refusalTexts = {
  signInFirst: () => 'sign in first',
  staffUnknown: () => 'this counter does not know that staff member yet: sync first',
  staffGone: (p: Params) => `${p.name} may no longer sign in`,
  onlineOnceFirst: (p: Params) => `${p.name} must sign in online on this counter once before using a PIN`,
  noPinYet: (p: Params) => `${p.name} has no counter PIN yet`,
  pinLocked: () => 'too many wrong PINs: wait, or sign in online',
  wrongPin: () => 'wrong PIN',
  serverUnreachableUsePin: () => 'the shop server cannot be reached: sign in with your PIN instead',
  unsyncedSignOut: (p: Params) =>
    `${p.count} of your sale(s) or shift records are not synced yet: sync first`,
  productUnknown: () => 'this counter does not know that product: sync first',
  customerUnknown: () => 'this counter does not know that customer: sync first',
  noProductWithCode: (p: Params) => `no product has the code ${p.code}`,
  productRetired: (p: Params) => `${p.name} is no longer sold`,
  paymentsTaken: () => 'payments are taken: remove them before changing the sale',
  discountOverLine: () => 'a discount cannot be more than the line',
  discountOverSale: () => 'a discount cannot be more than the sale',
  discountOverLimit: (p: Params) =>
    `a ${p.role} may take at most ${p.percent} % off a sale: ask an admin for more`,
  approverNotAdmin: (p: Params) =>
    `${p.name} is not an admin: only an admin's PIN approves a bigger discount`,
  nothingToPay: () => 'add items before taking payment',
  alreadyPaid: () => 'the sale is already paid',
  rielSteps: () => 'riel cash comes in steps of 100 riel',
  khqrConfirmFirst: () => 'confirm the KHQR payment arrived on the shop phone before accepting it',
  khqrOverDue: () => 'a KHQR payment cannot be more than what is due',
  khqrWaiting: () => 'a KHQR is waiting for payment: wait for it, or cancel it first',
  openShiftFirst: () => 'open a shift before moving cash',
  noShiftOpen: () => 'no shift is open',
  customerName: () => "enter the customer's name (at most 120 characters)",
  customerPhone: () => 'enter a Cambodian phone number such as 012 345 678 or +855 12 345 678',
  buildLinkInvalid: () => 'that is not the link of a PC build (…/builder/ and 22 letters and digits)',
  buildNeedsServer: () => 'opening a PC build needs the shop server, which cannot be reached now',
  buildUnknown: () => 'no PC build has this link',
  buildIncompatible: (p: Params) => `the parts of this build do not fit together: ${p.reasons}`,
} satisfies Record<string, (p: Params) => string>;

export type RefusalKey = keyof typeof refusalTexts;

/** A refusal in words the screens can translate: `code` to branch on, `key` and `params` to say it. */
export function refuse(code: PosErrorCode, key: RefusalKey, params: Params = {}, until?: number): PosError {
  return new PosError(code, refusalTexts[key](params), until, { key, params });
}
