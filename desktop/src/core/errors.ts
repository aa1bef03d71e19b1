/**
 * What the counter's core refuses, and why, in words a cashier can act on. `code` lets the screens choose how to
 * show it (a field to fix, a PIN pad to wait on, a sale to sync first).
 */
export type PosErrorCode =
  | 'invalid'
  | 'not_found'
  | 'forbidden'
  | 'conflict'
  | 'locked'
  | 'not_paired'
  /** A VAT invoice asked of a sale made while the shop was not VAT-registered. */
  | 'not_vat_registered'
  /** The receipt printer did not take the job (off, unplugged, paper out): the sale itself is safe. */
  | 'printer_unreachable'
  /** The server is needed and cannot be reached now (an online KHQR): the message says what to do instead. */
  | 'offline'
  /** A discount over the signed-in role's limit: an admin's PIN at the counter may approve it (approveDiscount). */
  | 'over_limit';

export class PosError extends Error {
  constructor(
    readonly code: PosErrorCode,
    message: string,
    /** For `locked`: when the wait ends (epoch ms). */
    readonly until?: number,
    /** What the screens translate, when the refusal is one of refusals.ts. */
    readonly text?: { key: string; params: Record<string, string | number> },
  ) {
    super(message);
    this.name = 'PosError';
  }
}
