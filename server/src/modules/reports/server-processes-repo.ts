import type { Db } from '../../db/database';
import { orUpdate } from '../../db/dialect';
import type { ServerProcessTable } from '../../db/schema';

/** The SQL of the server processes' register: each process's own row, refreshed by its heartbeat. */

/** The first beat inserts; later ones refresh `last_seen_at` (and a row pruned meanwhile comes back). */
export async function recordServerProcess(db: Db, row: ServerProcessTable): Promise<void> {
  await orUpdate(db, db.insertInto('server_processes').values(row), 'id', {
    last_seen_at: row.last_seen_at,
  }).execute();
}

export async function forgetServerProcesses(db: Db, seenBefore: number): Promise<void> {
  await db.deleteFrom('server_processes').where('last_seen_at', '<', seenBefore).execute();
}

export async function forgetServerProcess(db: Db, id: string): Promise<void> {
  await db.deleteFrom('server_processes').where('id', '=', id).execute();
}

export async function serverProcessesSeenSince(db: Db, since: number) {
  return db
    .selectFrom('server_processes')
    .selectAll()
    .where('last_seen_at', '>=', since)
    .orderBy('started_at')
    .orderBy('id')
    .execute();
}
