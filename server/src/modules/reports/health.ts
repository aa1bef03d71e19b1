import type { BakongTokenStatus, SystemHealth } from '@shop/shared';
import type { Db, DialectName } from '../../db/database';
import type { FileStoreSpace } from '../../storage/disk-space';
import type { BakongReachability } from '../payments/bakong-reachability';
import { mailOutboxBacklog, pairedDevices, paymentCheckBacklog } from './health-repo';
import type { RequestStats } from './request-stats';
import { serverProcessesSeen } from './server-processes';

/**
 * The facts of the health screen and of /metrics, read at once: this process, its requests, the backlogs, the
 * counters and the Bakong token, with the warnings an owner should act on.
 */
export interface HealthSources {
  db: Db;
  dialect: DialectName;
  version: string;
  startedAt: number;
  requests: RequestStats;
  bakongToken: () => Promise<{ expiresAt: number | null; source: BakongTokenStatus['source'] }>;
  poolUse: () => { open: number; idle: number; waiting: number } | null;
  /** This process's row in `server_processes` (its heartbeat keeps it fresh). */
  processId: string;
  databaseBytes: () => Promise<number>;
  fileStore: () => Promise<FileStoreSpace>;
  /** Kept about a minute by its maker (payments/bakong-reachability.ts): looking never hammers Bakong. */
  bakongReachability: () => Promise<BakongReachability>;
}

/** A counter that has not pushed or pulled for this long is flagged. */
export const DEVICE_SILENT_MS = 60 * 60_000;
/** Mail or a payment check waiting longer than this means its job is stuck or falling behind. */
export const BACKLOG_OLD_MS = 10 * 60_000;
const BAKONG_TOKEN_SOON_MS = 14 * 86_400_000;
/** The file store's disk is short when less than this share of it, or less than 1 GiB, is free. */
const DISK_FREE_SHARE_LOW = 0.1;
const DISK_FREE_BYTES_LOW = 1024 ** 3;

export async function readHealth(sources: HealthSources, now = Date.now()): Promise<SystemHealth> {
  const [mailOutbox, paymentChecks, devices, token, reachability, databaseBytes, fileStore, processes] =
    await Promise.all([
      mailOutboxBacklog(sources.db),
      paymentCheckBacklog(sources.db, now),
      pairedDevices(sources.db),
      sources.bakongToken(),
      sources.bakongReachability(),
      sources.databaseBytes(),
      sources.fileStore(),
      serverProcessesSeen(sources.db, sources.processId, now),
    ]);
  const requests = await sources.requests.summary();
  const warnings: SystemHealth['warnings'] = [];
  if (mailOutbox.oldestWaitingAt !== null && now - mailOutbox.oldestWaitingAt > BACKLOG_OLD_MS)
    warnings.push({
      code: 'mail_backlog',
      en: `${mailOutbox.waiting} mails waiting, the oldest for ${minutes(now - mailOutbox.oldestWaitingAt)} minutes: check the mail server.`,
      km: `មានសារអ៊ីមែល ${mailOutbox.waiting} កំពុងរង់ចាំ ចាស់ជាងគេ ${minutes(now - mailOutbox.oldestWaitingAt)} នាទី៖ សូមពិនិត្យម៉ាស៊ីនមេអ៊ីមែល។`,
    });
  if (paymentChecks.oldestWaitingAt !== null && now - paymentChecks.oldestWaitingAt > BACKLOG_OLD_MS)
    warnings.push({
      code: 'payment_check_backlog',
      en: `${paymentChecks.waiting} KHQR payments wait to be checked with Bakong, the oldest for ${minutes(now - paymentChecks.oldestWaitingAt)} minutes.`,
      km: `ការបង់ប្រាក់ KHQR ចំនួន ${paymentChecks.waiting} កំពុងរង់ចាំការពិនិត្យជាមួយបាគង ចាស់ជាងគេ ${minutes(now - paymentChecks.oldestWaitingAt)} នាទី។`,
    });
  for (const device of devices)
    if (device.lastSyncAt === null || now - device.lastSyncAt > DEVICE_SILENT_MS)
      warnings.push({
        code: 'device_silent',
        en: `Counter "${device.name}" has not synced for over an hour${device.pendingCount ? ` (${device.pendingCount} items waiting on it)` : ''}.`,
        km: `បញ្ជរ "${device.name}" មិនបានធ្វើសមកាលកម្មលើសពីមួយម៉ោងហើយ${device.pendingCount ? ` (មាន ${device.pendingCount} កំពុងរង់ចាំ)` : ''}។`,
      });
  if (token.expiresAt !== null && token.expiresAt - now < BAKONG_TOKEN_SOON_MS)
    warnings.push({
      code: 'bakong_token_expiry',
      en:
        token.expiresAt <= now
          ? 'The Bakong token has expired: payments cannot be confirmed.'
          : 'The Bakong token expires within two weeks: renew it.',
      km:
        token.expiresAt <= now
          ? 'សញ្ញាសម្ងាត់បាគងផុតកំណត់ហើយ៖ មិនអាចបញ្ជាក់ការបង់ប្រាក់បានទេ។'
          : 'សញ្ញាសម្ងាត់បាគងនឹងផុតកំណត់ក្នុងរយៈពេលពីរសប្តាហ៍៖ សូមបន្តវា។',
    });
  if (!reachability.reachable)
    warnings.push({
      code: 'bakong_unreachable',
      en: 'Bakong could not be reached: KHQR payments stay pending until it answers.',
      km: 'មិនអាចភ្ជាប់ទៅបាគងបានទេ៖ ការបង់ប្រាក់ KHQR នៅតែរង់ចាំរហូតដល់វាឆ្លើយតប។',
    });
  if (
    fileStore.freeBytes !== null &&
    fileStore.totalBytes !== null &&
    diskShort(fileStore.freeBytes, fileStore.totalBytes)
  )
    warnings.push({
      code: 'disk_space_low',
      en: `The disk of the uploaded files has ${gib(fileStore.freeBytes)} GiB free of ${gib(fileStore.totalBytes)} GiB: free some space.`,
      km: `ថាសនៃឯកសារដែលបានផ្ទុកឡើងនៅសល់ ${gib(fileStore.freeBytes)} GiB ក្នុងចំណោម ${gib(fileStore.totalBytes)} GiB៖ សូមបង្កើនទំហំទំនេរ។`,
    });
  return {
    process: {
      version: sources.version,
      nodeVersion: process.version,
      uptimeSeconds: Math.round(process.uptime()),
      startedAt: sources.startedAt,
      dialect: sources.dialect,
    },
    requests,
    mailOutbox,
    paymentChecks,
    devices,
    bakong: { tokenExpiresAt: token.expiresAt, tokenSource: token.source, reachability },
    warnings,
    pool: sources.poolUse(),
    databaseBytes,
    fileStore,
    processes,
  };
}

function diskShort(freeBytes: number, totalBytes: number): boolean {
  return freeBytes < DISK_FREE_BYTES_LOW || freeBytes < totalBytes * DISK_FREE_SHARE_LOW;
}

function gib(bytes: number): string {
  return (bytes / 1024 ** 3).toFixed(1);
}

function minutes(ms: number): number {
  return Math.floor(ms / 60_000);
}
