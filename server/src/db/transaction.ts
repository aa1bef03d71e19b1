import type { Transaction } from 'kysely';
import type { Db } from './database';
import type { Database } from './schema';

export type Tx = Transaction<Database>;

// MySQL/MariaDB: 1213 deadlock, 1205 lock wait timeout. Both roll the transaction back, so running it again is safe.
const RETRYABLE_MYSQL_ERRORS: ReadonlySet<number> = new Set([1213, 1205]);

/**
 * Runs `work` in a transaction, retrying it when MySQL picks it as a deadlock victim. Keep `work` free of
 * outside I/O (mail, HTTP, Bakong): on SQLite the one connection is held for the whole transaction.
 */
export async function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(work);
    } catch (error) {
      if (attempt >= attempts || !isRetryableTransactionError(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}

/**
 * True for the errors after which MySQL has rolled back (deadlock) or must roll back (lock wait) the transaction:
 * the whole transaction is to be run again, never continued (after a deadlock the connection is no longer in it).
 */
export function isRetryableTransactionError(error: unknown): boolean {
  const errno = (error as { errno?: number } | null)?.errno;
  return errno !== undefined && RETRYABLE_MYSQL_ERRORS.has(errno);
}
