import type { Db } from '../../db/database';
import type { UserTable } from '../../db/schema';
import { inTransaction } from '../../db/transaction';
import { RateLimited } from '../../http/errors';
import { mailUser } from './mail-user';
import { releaseSlot, slotsTaken, takeSlot, type Slot } from './rate-limit';
import { signInLimits, type SignInPolicy } from './sign-in-throttle';

/**
 * A day's budget of wrong codes per account, over every kind of code (sign-up, sign-in, mailed check): five tries
 * per code and a new code a minute would otherwise allow thousands of guesses a day. The try takes its slot before
 * the code is compared and gives it back when the code was right. When wrong codes keep coming, the owner is
 * mailed once that day.
 */
export interface CodeAccount {
  /** accountKeyOf(address): the same for addresses with and without an account. */
  key: string;
  epoch: number;
  /** The owner to warn; null for an address without an active account. */
  owner: Pick<UserTable, 'email' | 'name' | 'locale' | 'status'> | null;
}

export async function takeCodeTry(
  db: Db,
  policy: SignInPolicy,
  account: CodeAccount,
  now = Date.now(),
): Promise<Slot> {
  const slot = await takeSlot(db, signInLimits(policy).codesPerDay(account.key, account.epoch), now);
  if (!slot.taken)
    throw new RateLimited(
      slot.retryAfterSeconds,
      'Too many wrong codes today. Try again tomorrow, sign in on a device you used before, or reset your password.',
    );
  return slot;
}

export const codeWasRight = (db: Db, slot: Slot) => releaseSlot(db, slot);

/** Keeps the wrong try counted, and mails the owner once a day when the wrong codes reach the alert level. */
export async function codeWasWrong(
  db: Db,
  policy: SignInPolicy,
  account: CodeAccount,
  input: { resetUrl: string },
  now = Date.now(),
): Promise<void> {
  const limit = signInLimits(policy);
  const { owner } = account;
  if (owner?.status !== 'active') return;
  const wrongCodes = await slotsTaken(db, limit.codesPerDay(account.key, account.epoch), now);
  if (wrongCodes < policy.alertAfterWrongCodes) return;
  await inTransaction(db, async (tx) => {
    // The alert's own slot (one a day) is taken in the mail's transaction: exactly one mail, however many race.
    const once = await takeSlot(tx, limit.codeAlert(account.key, account.epoch), now);
    if (once.taken) await mailUser(tx, owner, 'codes-failing', { wrongCodes, resetUrl: input.resetUrl });
  });
}
