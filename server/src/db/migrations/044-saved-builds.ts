import { type MigrationDb, binaryText, createTable } from '../ddl';

/**
 * Issue 18, the PC builder: a saved build is a list of picks anyone with its link may open (docs/decisions/
 * 0020-pc-builder.md). Its id is the link: 128 random bits in base64url, compared byte by byte (binaryText), so
 * ids differing only in case are different builds on MySQL too. The owner (a signed-in customer who saved it) may
 * change it; there is no listing of builds, hence no index beyond the key (MySQL gives the owner's foreign key one
 * of its own). Re-runnable.
 */
export async function up(db: MigrationDb): Promise<void> {
  await createTable(db, 'saved_builds')
    .addColumn('id', binaryText(db, 22), (c) => c.primaryKey())
    .addColumn('name', 'varchar(80)')
    .addColumn('picks_json', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'varchar(26)', (c) => c.references('users.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('saved_builds').ifExists().execute();
}
