import os from 'node:os';
import type { Db } from '../../db/database';
import type { Logger } from '../../logger';
import {
  forgetServerProcess,
  forgetServerProcesses,
  recordServerProcess,
  serverProcessesSeenSince,
} from './server-processes-repo';

/**
 * Every server process on one database records itself and beats every 30 s, so the health screen lists them all
 * (several processes behind a load balancer share one MySQL) with their version and how long they have run.
 */
export const PROCESS_BEAT_MS = 30_000;
/** Four missed beats: a process not seen for this long has stopped (or hangs) and is not listed. */
export const PROCESS_SEEN_WITHIN_MS = 2 * 60_000;
/** Rows of processes gone for a day are removed by whichever process beats next. */
const PROCESS_FORGOTTEN_AFTER_MS = 86_400_000;

export interface ThisProcess {
  id: string;
  version: string;
  startedAt: number;
}

export interface ProcessHeartbeat {
  beatOnce(now?: number): Promise<void>;
  /** Stops beating and removes this process's row: a process closed cleanly leaves the list at once. */
  stop(): Promise<void>;
}

export function startProcessHeartbeat(deps: {
  db: Db;
  me: ThisProcess;
  logger: Logger;
  everyMs?: number;
}): ProcessHeartbeat {
  const { db, me, logger } = deps;
  const row = {
    id: me.id,
    hostname: os.hostname().slice(0, 255),
    pid: process.pid,
    version: me.version,
    started_at: me.startedAt,
  };
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let beating: Promise<void> = Promise.resolve();

  const beatOnce = (now = Date.now()) => {
    beating = beating.then(async () => {
      if (stopped) return;
      await recordServerProcess(db, { ...row, last_seen_at: now });
      await forgetServerProcesses(db, now - PROCESS_FORGOTTEN_AFTER_MS);
    });
    return beating;
  };
  const schedule = () => {
    timer = setTimeout(() => {
      beatOnce()
        .catch((error: unknown) => logger.warn({ err: error }, 'server process heartbeat failed; will retry'))
        .finally(() => !stopped && schedule());
    }, deps.everyMs ?? PROCESS_BEAT_MS);
    timer.unref();
  };
  schedule();

  return {
    beatOnce,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await beating.catch(() => undefined);
      await forgetServerProcess(db, me.id).catch((error: unknown) =>
        logger.warn({ err: error }, 'could not remove this server process from the list'),
      );
    },
  };
}

/** The processes seen in the last two minutes, oldest first, this one marked. */
export async function serverProcessesSeen(db: Db, thisProcessId: string, now: number) {
  const rows = await serverProcessesSeenSince(db, now - PROCESS_SEEN_WITHIN_MS);
  return rows.map((r) => ({
    id: r.id,
    hostname: r.hostname,
    pid: Number(r.pid),
    version: r.version,
    startedAt: Number(r.started_at),
    lastSeenAt: Number(r.last_seen_at),
    thisProcess: r.id === thisProcessId,
  }));
}
