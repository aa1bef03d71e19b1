import { Migrator, sql, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';
import type { Db } from './database';
import { isMysql } from './ddl';
import * as catalogInventory from './migrations/001-catalog-inventory';
import * as auditLog from './migrations/002-audit-log';
import * as accounts from './migrations/003-accounts';
import * as orders from './migrations/004-orders';
import * as paymentProofs from './migrations/005-payment-proofs';
import * as orderLines from './migrations/006-order-lines';
import * as catalogSpeed from './migrations/007-catalog-speed';
import * as support from './migrations/008-support';
import * as signInHardening from './migrations/009-sign-in-hardening';
import * as unpaidHolds from './migrations/010-unpaid-holds';
import * as signUpAttempts from './migrations/013-sign-up-attempts';
import * as paymentMethods from './migrations/014-payment-methods';
import * as counters from './migrations/015-counters';
import * as counterReturns from './migrations/016-counter-returns';
import * as feedBackfill from './migrations/017-feed-backfill';
import * as counterKhqr from './migrations/018-counter-khqr';
import * as auditBrowsing from './migrations/019-audit-browsing';
import * as paymentReconciliation from './migrations/020-payment-reconciliation';
import * as peopleAndStock from './migrations/021-people-and-stock';
import * as salesReports from './migrations/022-sales-reports';
import * as receiptFields from './migrations/023-receipt-fields';
import * as serverProcesses from './migrations/024-server-processes';
import * as khmerDescriptions from './migrations/026-khmer-descriptions';
import * as guestOrders from './migrations/027-guest-orders';
import * as stockAlerts from './migrations/028-stock-alerts';
import * as unitsSold from './migrations/029-units-sold';
import * as wishlists from './migrations/030-wishlists';
import * as deliveryDays from './migrations/031-delivery-days';
import * as shelfVersion from './migrations/032-shelf-version';
import * as guestPaymentProofs from './migrations/033-guest-payment-proofs';
import * as orderNumbers from './migrations/034-order-numbers';
import * as bestSellersIndex from './migrations/035-best-sellers-index';
import * as retention from './migrations/038-retention';
import * as syncContract from './migrations/040-sync-contract';
import * as promotions from './migrations/041-promotions';
import * as notifications from './migrations/042-notifications';
import * as preOrders from './migrations/043-pre-orders';
import * as savedBuilds from './migrations/044-saved-builds';
import * as warrantyClaims from './migrations/045-warranty-claims';
import * as repairPayments from './migrations/047-repair-payments';

/** Every migration, in order. Names are permanent: they are recorded in the database once applied. */
const migrations: Record<string, Migration> = {
  '001-catalog-inventory': catalogInventory,
  '002-audit-log': auditLog,
  '003-accounts': accounts,
  '004-orders': orders,
  '005-payment-proofs': paymentProofs,
  '006-order-lines': orderLines,
  '007-catalog-speed': catalogSpeed,
  '008-support': support,
  '009-sign-in-hardening': signInHardening,
  '010-unpaid-holds': unpaidHolds,
  '013-sign-up-attempts': signUpAttempts,
  '014-payment-methods': paymentMethods,
  '015-counters': counters,
  '016-counter-returns': counterReturns,
  '017-feed-backfill': feedBackfill,
  '018-counter-khqr': counterKhqr,
  '019-audit-browsing': auditBrowsing,
  '020-payment-reconciliation': paymentReconciliation,
  '021-people-and-stock': peopleAndStock,
  '022-sales-reports': salesReports,
  '023-receipt-fields': receiptFields,
  '024-server-processes': serverProcesses,
  '026-khmer-descriptions': khmerDescriptions,
  '027-guest-orders': guestOrders,
  '028-stock-alerts': stockAlerts,
  '029-units-sold': unitsSold,
  '030-wishlists': wishlists,
  '031-delivery-days': deliveryDays,
  '032-shelf-version': shelfVersion,
  '033-guest-payment-proofs': guestPaymentProofs,
  '034-order-numbers': orderNumbers,
  '035-best-sellers-index': bestSellersIndex,
  '038-retention': retention,
  '040-sync-contract': syncContract,
  '041-promotions': promotions,
  '042-notifications': notifications,
  '043-pre-orders': preOrders,
  '044-saved-builds': savedBuilds,
  '045-warranty-claims': warrantyClaims,
  '047-repair-payments': repairPayments,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Every schema version this server knows, oldest first: the names of its migrations (the last is the one it makes). */
export const migrationNames: readonly string[] = Object.keys(migrations);

function migratorOf(db: Db): Migrator {
  return new Migrator({
    db,
    provider,
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
  });
}

/**
 * Brings the schema up to date; safe to call on every start and from several processes in turn. A database that a
 * newer version of the shop migrated is refused before anything is written (NewerDatabase).
 */
export async function migrateToLatest(db: Db): Promise<string[]> {
  await refuseNewerDatabase(db);
  return outcome(await migratorOf(db).migrateToLatest());
}

/** Brings the schema up to the version `name` and no further: the upgrade tests build each released version so. */
export async function migrateUpTo(db: Db, name: string): Promise<string[]> {
  await refuseNewerDatabase(db);
  return outcome(await migratorOf(db).migrateTo(name));
}

function outcome({ error, results = [] }: MigrationResultSet): string[] {
  const failed = results.find((r) => r.status === 'Error');
  if (error || failed) {
    const cause = error instanceof Error ? error.message : String(error ?? 'unknown error');
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${cause}`, { cause: error });
  }
  return results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** The database holds migrations this server does not know: a newer version of the shop made it. */
export class NewerDatabase extends Error {
  constructor(readonly unknown: string[]) {
    super(
      `This database was made by a newer version of the shop: it has migration${unknown.length > 1 ? 's' : ''} ` +
        `${unknown.join(', ')}, which this version does not know. Nothing was changed. Run the newer version ` +
        'again, or, to go back to this version, restore the backup taken before the upgrade (README, ' +
        '"Production", "Upgrades").',
    );
    this.name = 'NewerDatabase';
  }
}

/**
 * Migrations only go forward, and an older server must not run on a newer schema: its queries would miss columns
 * or write rows the newer code cannot read. Kysely would refuse too, but only after creating its tables and with
 * "corrupted migrations"; this reads the applied names first and says what happened and what to do.
 */
async function refuseNewerDatabase(db: Db): Promise<void> {
  if (!(await hasMigrationTable(db))) return;
  const applied = await sql<{ name: string }>`select name from schema_migrations order by name`.execute(db);
  const known = new Set(migrationNames);
  const unknown = applied.rows.map((r) => r.name).filter((name) => !known.has(name));
  if (unknown.length > 0) throw new NewerDatabase(unknown);
}

/** Whether the database was ever migrated (a cheap look: Kysely's introspection reads every column of every table). */
async function hasMigrationTable(db: Db): Promise<boolean> {
  const { rows } = isMysql(db)
    ? await sql<{ n: number }>`select count(*) as n from information_schema.tables
        where table_schema = database() and table_name = 'schema_migrations'`.execute(db)
    : await sql<{ n: number }>`select count(*) as n from sqlite_master
        where type = 'table' and name = 'schema_migrations'`.execute(db);
  return Number(rows[0]?.n ?? 0) > 0;
}
