import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './database';
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
};

/** The names of every migration this code knows, in order: the last is the schema version it makes. */
export const knownMigrations: readonly string[] = Object.keys(migrations);

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the schema up to date; safe to call on every start and from several processes in turn. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  const failed = results.find((r) => r.status === 'Error');
  if (error || failed) {
    const cause = error instanceof Error ? error.message : String(error ?? 'unknown error');
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${cause}`, { cause: error });
  }
  return results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
