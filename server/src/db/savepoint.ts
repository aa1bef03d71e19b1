import { sql } from 'kysely';
import { isRetryableTransactionError, type Tx } from './transaction';

/** The transaction itself can no longer be used (its savepoint could not be rolled back to): run it all again. */
export class TransactionLost extends Error {
  constructor(cause: unknown) {
    super(`the transaction was lost: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/**
 * Runs `work` inside a SAVEPOINT of the caller's transaction: when it throws, what it wrote is rolled back to the
 * savepoint and the error passes on, while the transaction and what it did before stay alive. SQLite and MySQL /
 * MariaDB spell SAVEPOINT, ROLLBACK TO SAVEPOINT and RELEASE SAVEPOINT the same way.
 *
 * A deadlock or lock-wait error passes on untouched: MySQL has rolled back (or must roll back) the whole
 * transaction, so the caller must not go on with it, only let `inTransaction` run it again. When rolling back to
 * the savepoint fails, a TransactionLost says so, for the same reason.
 *
 * `name` must be a plain identifier made by the caller (it is written into the SQL, never user input).
 */
export async function inSavepoint<T>(tx: Tx, name: string, work: () => Promise<T>): Promise<T> {
  if (!/^[a-z_][a-z0-9_]*$/i.test(name)) throw new Error(`not a savepoint name: ${name}`);
  const id = sql.raw(name);
  await sql`savepoint ${id}`.execute(tx);
  let result: T;
  try {
    result = await work();
  } catch (error) {
    if (isRetryableTransactionError(error)) throw error;
    try {
      await sql`rollback to savepoint ${id}`.execute(tx);
      await sql`release savepoint ${id}`.execute(tx);
    } catch (failure) {
      throw new TransactionLost(failure);
    }
    throw error;
  }
  await sql`release savepoint ${id}`.execute(tx);
  return result;
}

/**
 * Sets a SAVEPOINT in the caller's transaction and answers how to roll back to it, for a caller that goes back only
 * when a later step says so (not on an error, as `inSavepoint`): nothing is released when all goes well (the commit
 * does it), so the happy path costs one statement. On MySQL the rows locked since stay locked after a rollback to it.
 */
export async function setSavepoint(tx: Tx, name: string): Promise<{ rollBack(): Promise<void> }> {
  if (!/^[a-z_][a-z0-9_]*$/i.test(name)) throw new Error(`not a savepoint name: ${name}`);
  const id = sql.raw(name);
  await sql`savepoint ${id}`.execute(tx);
  return {
    rollBack: async () => {
      await sql`rollback to savepoint ${id}`.execute(tx);
    },
  };
}
