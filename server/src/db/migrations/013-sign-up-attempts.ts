import { type MigrationDb, addColumn } from '../ddl';

/**
 * Issue 9, accounts: a sign-up attempt belongs to the browser (or client) that made it. Each sign-up code keeps the
 * SHA-256 of that browser's attempt token (its cookie, or the `attempt` value a cookie-less client sends back), so a
 * code is checked only against the attempt of the browser entering it. Codes from before this keep none.
 */
export async function up(db: MigrationDb): Promise<void> {
  await addColumn(db, 'otp_challenges', 'attempt_hash', 'char(64)');
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('otp_challenges').dropColumn('attempt_hash').execute();
}
