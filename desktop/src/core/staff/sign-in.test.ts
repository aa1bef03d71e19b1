import { makePinVerifier } from '@shop/shared/pin-verifier';
import { beforeAll, describe, expect, it } from 'vitest';
import { pageApplier } from '../catalog/apply-page';
import { defaultPosConfig } from '../config';
import type { PosError } from '../errors';
import { openLocalDb } from '../local-db/open';
import { page, staffMember, tempDirs } from '../test-support/fixtures';
import { staffSignIn } from './sign-in';

const newDir = tempDirs();
let verifier = '';
beforeAll(async () => {
  verifier = await makePinVerifier('2580');
});

function counter() {
  const db = openLocalDb(newDir());
  pageApplier(db)(
    page(1, [
      { entity: 'staff', id: 's1', data: staffMember('s1', { pinVerifier: verifier }) },
      { entity: 'staff', id: 's2', data: staffMember('s2', { pinVerifier: verifier }) },
      { entity: 'staff', id: 'gone', data: staffMember('gone', { pinVerifier: verifier, active: false }) },
    ]),
  );
  return { db, signIn: staffSignIn(db, defaultPosConfig) };
}

const minute = 60_000;

describe('signing in at the counter with a PIN', () => {
  it('needs an online sign-in on this counter first', async () => {
    const { signIn } = counter();
    await expect(signIn.signInWithPin('s1', '2580', 0)).rejects.toThrow(/sign in online/);
    signIn.rememberOnlineSignIn('s1', 0);
    await expect(signIn.signInWithPin('s1', '2580', 0)).resolves.toMatchObject({ id: 's1', role: 'staff' });
    expect(() => signIn.rememberOnlineSignIn('gone', 0)).toThrow(/no longer/);
    expect(() => signIn.rememberOnlineSignIn('stranger', 0)).toThrow(/does not know/);
  });

  it('lists who may sign in here, the PIN usable only after an online sign-in here, and no secrets', () => {
    const { signIn } = counter();
    expect(signIn.knownStaff().map((s) => [s.id, s.pinReady])).toEqual([
      ['s1', false],
      ['s2', false],
    ]);
    signIn.rememberOnlineSignIn('s2', 0);
    const listed = signIn.knownStaff();
    expect(listed.find((s) => s.id === 's2')).toEqual({
      id: 's2',
      name: expect.any(String),
      role: 'staff',
      pinReady: true,
    });
    expect(JSON.stringify(listed)).not.toContain(verifier);
  });

  it('locks after 5 wrong PINs for 5 minutes, then 10, and the right PIN resets the count', async () => {
    const { signIn } = counter();
    signIn.rememberOnlineSignIn('s1', 0);
    signIn.rememberOnlineSignIn('s2', 0);
    for (let i = 0; i < 4; i++)
      await expect(signIn.signInWithPin('s1', '1111', 0)).rejects.toThrow('wrong PIN');
    const fifth = await signIn.signInWithPin('s1', '1111', 0).catch((error: PosError) => error);
    expect(fifth).toMatchObject({ code: 'locked', until: 5 * minute });
    // Locked: even the right PIN waits; another cashier is not affected.
    await expect(signIn.signInWithPin('s1', '2580', 4 * minute)).rejects.toMatchObject({ code: 'locked' });
    await expect(signIn.signInWithPin('s2', '2580', 4 * minute)).resolves.toMatchObject({ id: 's2' });
    // The next five wrong lock twice as long.
    for (let i = 0; i < 4; i++)
      await expect(signIn.signInWithPin('s1', '1111', 5 * minute)).rejects.toThrow('wrong PIN');
    await expect(signIn.signInWithPin('s1', '1111', 5 * minute)).rejects.toMatchObject({
      code: 'locked',
      until: 15 * minute,
    });
    await expect(signIn.signInWithPin('s1', '2580', 15 * minute)).resolves.toMatchObject({ id: 's1' });
    for (let i = 0; i < 4; i++)
      await expect(signIn.signInWithPin('s1', '1111', 15 * minute)).rejects.toThrow('wrong PIN');
  }, 60_000);

  it('counts guesses sent side by side, so they cannot slip past the lock', async () => {
    const { signIn } = counter();
    signIn.rememberOnlineSignIn('s1', 0);
    const guesses = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) => signIn.signInWithPin('s1', String(1000 + i * 7), 0)),
    );
    const checked = guesses.filter(
      (g) => g.status === 'rejected' && (g.reason as PosError).message === 'wrong PIN',
    );
    expect(checked.length).toBeLessThanOrEqual(4);
    expect(guesses.every((g) => g.status === 'rejected')).toBe(true);
  }, 60_000);
});
