import type { Db } from '../../db/database';
import type { DeviceTable } from '../../db/schema';
import type { Tx } from '../../db/transaction';

/** The SQL of counters: their rows, pairing, tokens and sync marks. */

export async function insertDevice(tx: Tx, row: DeviceTable): Promise<void> {
  await tx.insertInto('devices').values(row).execute();
}

export async function findDevice(db: Db | Tx, id: string) {
  return db.selectFrom('devices').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Takes an open pairing code: one conditional update, so two desktops racing with the same code cannot both win.
 * Answers whether this caller took it.
 */
export async function claimPairing(
  tx: Tx,
  codeHash: string,
  claim: { tokenHash: string; appVersion: string | null },
  now: number,
): Promise<boolean> {
  const result = await tx
    .updateTable('devices')
    .set({
      token_hash: claim.tokenHash,
      pairing_code_hash: null,
      pairing_expires_at: null,
      paired_at: now,
      last_seen_at: now,
      app_version: claim.appVersion,
    })
    .where('pairing_code_hash', '=', codeHash)
    .where('pairing_expires_at', '>', now)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function findDeviceByPairingCode(tx: Tx, codeHash: string) {
  return tx
    .selectFrom('devices')
    .select(['id', 'name'])
    .where('pairing_code_hash', '=', codeHash)
    .executeTakeFirst();
}

export async function findDeviceByToken(db: Db | Tx, tokenHash: string) {
  return db
    .selectFrom('devices')
    .select(['id', 'name', 'last_seen_at'])
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function touchDevice(db: Db | Tx, id: string, now: number): Promise<void> {
  await db.updateTable('devices').set({ last_seen_at: now }).where('id', '=', id).execute();
}

/** A pull or a push: when, and what the device said it still has queued and which version it runs. */
export async function markDeviceSynced(
  db: Db | Tx,
  id: string,
  now: number,
  report: { pending?: number; appVersion?: string; pullStartedAt?: number } = {},
): Promise<void> {
  await db
    .updateTable('devices')
    .set({
      last_sync_at: now,
      last_seen_at: now,
      ...(report.pullStartedAt === undefined ? {} : { pull_started_at: report.pullStartedAt }),
      ...(report.pending === undefined ? {} : { pending_count: report.pending }),
      ...(report.appVersion === undefined ? {} : { app_version: report.appVersion }),
    })
    .where('id', '=', id)
    .execute();
}

export async function revokeDeviceRow(tx: Tx, id: string, by: string | null, now: number): Promise<void> {
  await tx
    .updateTable('devices')
    .set({ revoked_at: now, revoked_by: by, pairing_code_hash: null, pairing_expires_at: null })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Every device (or the one), newest first, with how many of its pushed items wait in the parked list. */
export async function listDeviceRows(db: Db, onlyId?: string) {
  return db
    .selectFrom('devices as d')
    .selectAll('d')
    .select((eb) =>
      eb
        .selectFrom('sync_items as s')
        .select((c) => c.fn.countAll<number | string>().as('n'))
        .whereRef('s.device_id', '=', 'd.id')
        .where('s.status', '=', 'parked')
        .as('parked_count'),
    )
    .$if(onlyId !== undefined, (q) => q.where('d.id', '=', onlyId!))
    .orderBy('d.created_at', 'desc')
    .orderBy('d.id', 'desc')
    .execute();
}

/** When the counter last asked for the change feed from 0; 0 when never (or before that was recorded). */
export async function findPullStartedAt(db: Db, id: string): Promise<number> {
  const row = await db
    .selectFrom('devices')
    .select('pull_started_at')
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(row?.pull_started_at ?? 0);
}
