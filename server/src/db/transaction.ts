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
      const errno = (error as { errno?: number }).errno;
      if (attempt >= attempts || errno === undefined || !RETRYABLE_MYSQL_ERRORS.has(errno)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}
