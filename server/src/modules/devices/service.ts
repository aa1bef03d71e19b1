import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { Request } from 'express';
import { pairingCodeLifetimeMs, type CreatedDevice, type Device, type PairedDevice } from '@shop/shared';
import type { Db } from '../../db/database';
import { newId } from '../../db/ids';
import { inTransaction } from '../../db/transaction';
import { Invalid, NotFound } from '../../http/errors';
import { enforceLimits, type Limit } from '../accounts/rate-limit';
import { recordAudit, type Actor } from '../audit/audit';
import {
  claimPairing,
  findDevice,
  findDeviceByPairingCode,
  findDeviceByToken,
  insertDevice,
  listDeviceRows,
  revokeDeviceRow,
  touchDevice,
} from './repo';

/**
 * Counters. An admin creates a device and reads its pairing code to whoever sets up the counter; the desktop trades
 * the code, once and within 15 minutes, for a token of its own. Code and token are stored as SHA-256 only. The sync
 * routes take nothing but a device token: a staff session cannot pull the customer list or push sales.
 */

/** A counter calling a sync route. */
export interface CallingCounter {
  id: string;
  name: string;
}

// No 0/O, 1/I/L: read aloud or typed from a phone screen without confusion. 32 letters, 12 of them: 60 bits.
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const CODE_LENGTH = 12;
// last_seen_at would turn every pull into a write: once a minute is exact enough for "last seen".
const TOUCH_INTERVAL_MS = 60_000;

/** Pairing is open to anyone who has a code: a few tries per client address keep 60 bits out of reach of guessing. */
const pairingTriesPerIp = (ip: string): Limit => ({
  bucket: `pair:ip:${ip}`,
  max: 10,
  windowMs: 10 * 60_000,
});

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function newPairingCode(): string {
  const letters = Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]);
  return [0, 4, 8].map((at) => letters.slice(at, at + 4).join('')).join('-');
}

/** What a person typed, as the code was made: upper case, without the dashes and spaces they may have added. */
function normalizeCode(typed: string): string {
  const letters = typed.toUpperCase().replace(/[\s-]/g, '');
  return [0, 4, 8].map((at) => letters.slice(at, at + 4)).join('-');
}

export async function createDevice(
  db: Db,
  actor: Actor,
  name: string,
  now = Date.now(),
): Promise<CreatedDevice> {
  const pairingCode = newPairingCode();
  const device = { id: newId(), name };
  const expiresAt = now + pairingCodeLifetimeMs;
  await inTransaction(db, async (tx) => {
    await insertDevice(tx, {
      id: device.id,
      name,
      pairing_code_hash: sha256(pairingCode),
      pairing_expires_at: expiresAt,
      token_hash: null,
      created_by: actor.userId,
      created_at: now,
      paired_at: null,
      revoked_at: null,
      revoked_by: null,
      last_seen_at: null,
      last_sync_at: null,
      app_version: null,
    });
    await recordAudit(
      tx,
      actor,
      { action: 'device.create', entity: 'device', entityId: device.id, after: device },
      now,
    );
  });
  return { device, pairingCode, expiresAt };
}

export async function pairDevice(
  db: Db,
  actor: Actor,
  input: { pairingCode: string; appVersion?: string },
  now = Date.now(),
): Promise<PairedDevice> {
  await enforceLimits(db, [pairingTriesPerIp(actor.ip ?? 'unknown')], now);
  const codeHash = sha256(normalizeCode(input.pairingCode));
  const token = randomBytes(32).toString('base64url');
  const paired = await inTransaction(db, async (tx) => {
    const device = await findDeviceByPairingCode(tx, codeHash);
    if (!device) return null;
    const claimed = await claimPairing(
      tx,
      codeHash,
      { tokenHash: sha256(token), appVersion: input.appVersion ?? null },
      now,
    );
    if (!claimed) return null;
    await recordAudit(tx, actor, { action: 'device.pair', entity: 'device', entityId: device.id }, now);
    return device;
  });
  if (!paired)
    throw new Invalid(
      'That pairing code is not valid: it may be used or expired. Ask an admin for a new one',
      {
        pairingCode: 'used, expired or mistyped',
      },
    );
  return { device: { id: paired.id, name: paired.name }, token };
}

export async function listDevices(db: Db, onlyId?: string): Promise<Device[]> {
  const rows = await listDeviceRows(db, onlyId);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    status: row.revoked_at !== null ? 'revoked' : row.paired_at !== null ? 'paired' : 'awaiting_pairing',
    createdAt: Number(row.created_at),
    pairedAt: row.paired_at === null ? null : Number(row.paired_at),
    revokedAt: row.revoked_at === null ? null : Number(row.revoked_at),
    lastSeenAt: row.last_seen_at === null ? null : Number(row.last_seen_at),
    lastSyncAt: row.last_sync_at === null ? null : Number(row.last_sync_at),
    appVersion: row.app_version,
    pendingCount: Number(row.pending_count ?? 0),
    parkedCount: Number(row.parked_count ?? 0),
  }));
}

export async function revokeDevice(db: Db, actor: Actor, id: string, now = Date.now()): Promise<Device> {
  await inTransaction(db, async (tx) => {
    const device = await findDevice(tx, id);
    if (!device) throw new NotFound('No such device');
    if (device.revoked_at !== null) return;
    await revokeDeviceRow(tx, id, actor.userId, now);
    await recordAudit(tx, actor, { action: 'device.revoke', entity: 'device', entityId: id }, now);
  });
  const [device] = await listDevices(db, id);
  if (!device) throw new NotFound('No such device');
  return device;
}

/** The counter behind a request's bearer token, or null (no token, an unknown one, or a revoked device's). */
export async function authenticateCounter(
  db: Db,
  req: Request,
  now = Date.now(),
): Promise<CallingCounter | null> {
  const header = req.headers.authorization;
  if (!header?.startsWith('Bearer ')) return null;
  const device = await findDeviceByToken(db, sha256(header.slice('Bearer '.length).trim()));
  if (!device) return null;
  if (device.last_seen_at === null || now - Number(device.last_seen_at) > TOUCH_INTERVAL_MS)
    await touchDevice(db, device.id, now);
  return { id: device.id, name: device.name };
}
