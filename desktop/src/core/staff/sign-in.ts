import { checkPin } from '@shop/shared/pin-verifier';
import type { Role } from '@shop/shared';
import type { PosConfig } from '../config';
import type { LocalDb } from '../local-db/open';
import { refuse } from '../refusals';

export interface StaffMember {
  id: string;
  name: string;
  role: Role;
}

/** Someone this counter knows, as the sign-in screen lists them. */
export interface CounterStaff extends StaffMember {
  /** They signed in online here before and have a PIN: their PIN opens this counter (also offline). */
  pinReady: boolean;
}

interface StaffRow extends StaffMember {
  active: number;
  pinVerifier: string | null;
  signedInOnlineAt: number | null;
}

/**
 * Who may use the counter. Online, the server checks the password (and mailed code); the core remembers that this
 * person proved themselves here. Offline, a PIN opens the counter only for such a person, checked against the
 * verifier the pull brought, with a lockout that grows: 5 wrong PINs lock for 5 minutes, the next 5 for 10, …
 */
export function staffSignIn(db: LocalDb, config: PosConfig) {
  const byId = db.prepare(
    `SELECT id, name, role, active, pin_verifier AS pinVerifier, signed_in_online_at AS signedInOnlineAt
     FROM staff WHERE id = ?`,
  );
  const markOnline = db.prepare('UPDATE staff SET signed_in_online_at = ? WHERE id = ?');
  const attempts = db.prepare(
    'SELECT failures, lockouts, locked_until AS lockedUntil FROM pin_attempts WHERE staff_id = ?',
  );
  const saveAttempts = db.prepare(
    `INSERT INTO pin_attempts (staff_id, failures, lockouts, locked_until) VALUES (?, ?, ?, ?)
     ON CONFLICT (staff_id) DO UPDATE SET failures = excluded.failures, lockouts = excluded.lockouts,
       locked_until = excluded.locked_until`,
  );
  const clearAttempts = db.prepare('DELETE FROM pin_attempts WHERE staff_id = ?');
  const activeList = db.prepare(
    `SELECT id, name, role, pin_verifier IS NOT NULL AND signed_in_online_at IS NOT NULL AS pinReady
     FROM staff WHERE active = 1 ORDER BY name, id`,
  );

  function activeStaff(staffId: string): StaffRow {
    const row = byId.get(staffId) as StaffRow | undefined;
    if (!row) throw refuse('not_found', 'staffUnknown');
    if (row.active !== 1) throw refuse('forbidden', 'staffGone', { name: row.name });
    return row;
  }

  /** Counts a wrong PIN; the one that reaches the limit locks the pad, each lock twice as long as the last. */
  const countFailure = db.transaction((staffId: string, now: number) => {
    const before = (attempts.get(staffId) as
      { failures: number; lockouts: number; lockedUntil: number | null } | undefined) ?? {
      failures: 0,
      lockouts: 0,
      lockedUntil: null,
    };
    const failures = before.failures + 1;
    if (failures >= config.pinAttempts) {
      const lockouts = before.lockouts + 1;
      saveAttempts.run(staffId, 0, lockouts, now + config.pinLockMs * 2 ** (lockouts - 1));
    } else saveAttempts.run(staffId, failures, before.lockouts, before.lockedUntil);
  });

  return {
    /** Active staff the pull brought, with whether a PIN opens the counter for them. No secrets leave. */
    knownStaff(): CounterStaff[] {
      return (activeList.all() as (StaffMember & { pinReady: number })[]).map((row) => ({
        ...row,
        pinReady: row.pinReady === 1,
      }));
    },

    /** The server accepted this person's password here: from now on their PIN opens this counter offline. */
    rememberOnlineSignIn(staffId: string, now: number): StaffMember {
      const row = activeStaff(staffId);
      markOnline.run(now, staffId);
      return { id: row.id, name: row.name, role: row.role };
    },

    signInWithPin: provePin,

    /**
     * An admin standing at the counter approves what the cashier's role may not do (a bigger discount): their PIN
     * is checked here as sign-in checks it, with the same lockout, and only an admin's counts.
     */
    async approverByPin(staffId: string, pin: string, now: number): Promise<StaffMember> {
      const approver = await provePin(staffId, pin, now);
      if (approver.role !== 'admin') throw refuse('forbidden', 'approverNotAdmin', { name: approver.name });
      return approver;
    },
  };

  async function provePin(staffId: string, pin: string, now: number): Promise<StaffMember> {
    const row = activeStaff(staffId);
    if (row.signedInOnlineAt === null) throw refuse('forbidden', 'onlineOnceFirst', { name: row.name });
    if (!row.pinVerifier) throw refuse('forbidden', 'noPinYet', { name: row.name });
    const lock = attempts.get(staffId) as { lockedUntil: number | null } | undefined;
    if (lock?.lockedUntil && lock.lockedUntil > now)
      throw refuse('locked', 'pinLocked', {}, lock.lockedUntil);
    // Counted as wrong before the slow check, so guesses sent side by side cannot all pass the lock above.
    countFailure(staffId, now);
    if (!(await checkPin(pin, row.pinVerifier))) {
      const after = attempts.get(staffId) as { lockedUntil: number | null } | undefined;
      if (after?.lockedUntil && after.lockedUntil > now)
        throw refuse('locked', 'pinLocked', {}, after.lockedUntil);
      throw refuse('invalid', 'wrongPin');
    }
    clearAttempts.run(staffId);
    return { id: row.id, name: row.name, role: row.role };
  }
}
