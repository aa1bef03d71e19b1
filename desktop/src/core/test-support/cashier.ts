import { makePinVerifier } from '@shop/shared/pin-verifier';
import type { PosCore } from '../core';

/** Every fixture staff member's counter PIN (the verifier is made once: scrypt is slow on purpose). */
export const TEST_PIN = '2580';
export const testPinVerifier = await makePinVerifier(TEST_PIN);

/**
 * Signs a cashier in as a counter does offline: by PIN, for someone who signed in online on this counter before
 * (that earlier online sign-in, which needs the server's password check and mailed code, is written straight into
 * the local database here; online-sign-in.server.test.ts proves the online path itself).
 */
export async function cashierSignedIn(core: PosCore, staffId: string): Promise<void> {
  core.db.prepare('UPDATE staff SET signed_in_online_at = ? WHERE id = ?').run(Date.now(), staffId);
  await core.commands.signInWithPin({ staffId, pin: TEST_PIN });
}
