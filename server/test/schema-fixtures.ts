import { sql } from 'kysely';
import type { MigrationDb } from '../src/db/ddl';

/**
 * A shop's data as each released schema version wrote it, for the upgrade tests (server/src/db/upgrades.test.ts).
 *
 * Each writer belongs to the migration that made its tables and columns, and writes with raw SQL naming only the
 * columns that existed then: it runs on a database migrated exactly to its version, never later, as that version's
 * shop would have written (a database "at version k" is built by migrating step by step and running each writer at
 * its own step). Frozen in time like the migrations: never change a writer to fit today's schema; a new migration
 * that wants its data kept across upgrades adds a writer of its own.
 *
 * Writers keep what the shop keeps consistent: every stock movement moves its product's counters (and, from 029,
 * units sold), every numbered order takes its number where that version took it (the `order_number` counter, then
 * `order_numbers` from 034), and, from 017 on, everything counters pull records its change in the feed.
 */
export interface FixtureWriter {
  /** The migration from which this writer's SQL is valid: it runs right after it. */
  version: string;
  write(db: MigrationDb): Promise<void>;
}

/** Times are fixed: a failing comparison then shows the same values on every run. */
const T = Date.UTC(2025, 0, 6, 3, 0, 0);
const minutes = (n: number) => T + n * 60_000;
const KHMER = 'កាតក្រាហ្វិក ✨ 🖥️';
const PASSWORD_HASH = 'scrypt$16384$8$1$c2FsdA$aGFzaA';

type Row = Record<string, string | number | null>;

async function insert(db: MigrationDb, table: string, ...rows: Row[]): Promise<void> {
  for (const row of rows) {
    const columns = Object.keys(row);
    await sql`insert into ${sql.id(table)} (${sql.join(columns.map((c) => sql.id(c)))})
      values (${sql.join(columns.map((c) => row[c]))})`.execute(db);
  }
}

async function update(db: MigrationDb, table: string, set: Row, where: Row): Promise<void> {
  const pairs = (row: Row, glue: string) =>
    sql.join(
      Object.entries(row).map(([c, v]) => sql`${sql.id(c)} = ${v}`),
      sql.raw(glue),
    );
  await sql`update ${sql.id(table)} set ${pairs(set, ', ')} where ${pairs(where, ' and ')}`.execute(db);
}

/** One change in the feed, numbered from its counter row as every feed writer does. */
async function feed(db: MigrationDb, entity: string, entityId: string, at: number): Promise<void> {
  await sql`update counters set value = value + 1 where name = 'change_log'`.execute(db);
  const { rows } = await sql<{
    value: number | string;
  }>`select value from counters where name = 'change_log'`.execute(db);
  await insert(db, 'change_log', {
    seq: Number(rows[0]!.value),
    entity,
    entity_id: entityId,
    operation: 'upsert',
    created_at: at,
  });
}

/** The next order number, where the version at hand took it. */
async function orderNumber(db: MigrationDb, prefix: string): Promise<string> {
  const counter = await sql<{
    value: number | string;
  }>`select value from counters where name = 'order_number'`.execute(db);
  if (counter.rows[0]) {
    await sql`update counters set value = value + 1 where name = 'order_number'`.execute(db);
    return `${prefix}-${Number(counter.rows[0].value) + 1}`;
  }
  const last = await sql<{ n: number | string | null }>`select max(number) as n from order_numbers`.execute(
    db,
  );
  const next = Number(last.rows[0]?.n ?? 1000) + 1;
  await insert(db, 'order_numbers', { number: next });
  return `${prefix}-${next}`;
}

/**
 * A ledger row and the counters it moves. `unitsSold`: whether this version keeps units sold beside the counters
 * (029 on); older versions' sales are summed by migration 029 itself.
 */
async function move(
  db: MigrationDb,
  movement: {
    id: string;
    product: string;
    type: string;
    onHand: number;
    reserved?: number;
    reference?: string | null;
    at: number;
    extra?: Row;
  },
  options: { unitsSold?: boolean } = {},
): Promise<void> {
  const reserved = movement.reserved ?? 0;
  const { rows } = await sql<{
    on_hand: number;
    reserved: number;
  }>`select on_hand, reserved from stock_levels where product_id = ${movement.product}`.execute(db);
  const level = rows[0]!;
  const onHandAfter = Number(level.on_hand) + movement.onHand;
  const reservedAfter = Number(level.reserved) + reserved;
  await insert(db, 'stock_movements', {
    id: movement.id,
    product_id: movement.product,
    type: movement.type,
    on_hand_delta: movement.onHand,
    reserved_delta: reserved,
    on_hand_after: onHandAfter,
    reserved_after: reservedAfter,
    reason: null,
    reference: movement.reference ?? null,
    actor_id: null,
    created_at: movement.at,
    ...movement.extra,
  });
  const set: Row = { on_hand: onHandAfter, reserved: reservedAfter, updated_at: movement.at };
  await update(db, 'stock_levels', set, { product_id: movement.product });
  if (options.unitsSold && movement.type === 'sale')
    await sql`update stock_levels set units_sold = units_sold + ${-movement.onHand}
      where product_id = ${movement.product}`.execute(db);
}

export const fixtureWriters: FixtureWriter[] = [
  {
    version: '001-catalog-inventory',
    async write(db) {
      await insert(
        db,
        'categories',
        {
          id: 'CAT-PARTS',
          slug: 'parts',
          name: 'Parts',
          name_km: 'គ្រឿងបន្លាស់',
          parent_id: null,
          spec_kind: 'generic',
          position: 0,
          created_at: T,
          updated_at: T,
        },
        {
          id: 'CAT-GPU',
          slug: 'graphics-cards',
          name: 'Graphics cards',
          name_km: KHMER,
          parent_id: 'CAT-PARTS',
          spec_kind: 'gpu',
          position: 1,
          created_at: T,
          updated_at: T,
        },
      );
      await insert(db, 'brands', { id: 'BR-ASUS', slug: 'asus', name: 'ASUS', created_at: T, updated_at: T });
      const product = (id: string, sku: string, extra: Row): Row => ({
        id,
        sku,
        barcode: null,
        slug: sku.toLowerCase(),
        name: `Product ${sku}`,
        name_sort: `product ${sku.toLowerCase()}`,
        description: `About ${sku}: ${KHMER}`,
        category_id: 'CAT-GPU',
        brand_id: 'BR-ASUS',
        price_cents: 49_999,
        compare_at_cents: null,
        warranty_months: 12,
        specs_json: JSON.stringify({ vram: '12 GB', note: KHMER }),
        images_json: JSON.stringify([{ url: '/files/demo/rtx.webp', alt: 'RTX' }]),
        serialized: 0,
        active: 1,
        low_stock_threshold: 3,
        created_at: T,
        updated_at: T,
        ...extra,
      });
      await insert(
        db,
        'products',
        product('PRD-GPU', 'RTX-4070', { barcode: '8850000000017' }),
        product('PRD-LAPTOP', 'ZENBOOK-14', {
          price_cents: 129_900,
          serialized: 1,
          warranty_months: 24,
          compare_at_cents: 139_900,
        }),
        product('PRD-OLD', 'GTX-1060', { active: 0, price_cents: 1 }),
      );
      await insert(
        db,
        'product_attributes',
        { product_id: 'PRD-GPU', attr_key: 'vram', value: '12gb' },
        { product_id: 'PRD-LAPTOP', attr_key: 'ram', value: '16gb' },
      );
      await insert(
        db,
        'search_terms',
        { term: 'rtx', product_id: 'PRD-GPU', weight: 10 },
        { term: '4070', product_id: 'PRD-GPU', weight: 10 },
        { term: 'zenbook', product_id: 'PRD-LAPTOP', weight: 10 },
      );
      for (const id of ['PRD-GPU', 'PRD-LAPTOP', 'PRD-OLD'])
        await insert(db, 'stock_levels', { product_id: id, on_hand: 0, reserved: 0, updated_at: T });
      await move(db, { id: 'MV-001-A', product: 'PRD-GPU', type: 'receive', onHand: 10, at: minutes(1) });
      await move(db, { id: 'MV-001-B', product: 'PRD-GPU', type: 'adjust', onHand: -1, at: minutes(2) });
      await move(db, { id: 'MV-001-C', product: 'PRD-LAPTOP', type: 'receive', onHand: 3, at: minutes(3) });
      for (const [i, serial] of ['SN-A1', 'SN-A2', 'SN-A3'].entries())
        await insert(db, 'serial_numbers', {
          id: `SER-${i}`,
          product_id: 'PRD-LAPTOP',
          serial,
          status: 'in_stock',
          reference: null,
          sold_at: null,
          warranty_until: null,
          created_at: minutes(3),
          updated_at: minutes(3),
        });
      for (const [entity, id] of [
        ['category', 'CAT-PARTS'],
        ['category', 'CAT-GPU'],
        ['brand', 'BR-ASUS'],
        ['product', 'PRD-GPU'],
        ['product', 'PRD-LAPTOP'],
        ['product', 'PRD-OLD'],
        ['stock', 'PRD-GPU'],
        ['stock', 'PRD-LAPTOP'],
      ])
        await feed(db, entity!, id!, minutes(3));
      const user = (id: string, role: string, status: string): Row => ({
        id,
        email: `${id.toLowerCase()}@shop.test`,
        name: `${role} ${id}`,
        role,
        status,
        password_hash: PASSWORD_HASH,
        created_at: T,
        updated_at: T,
      });
      await insert(
        db,
        'users',
        user('USR-ADMIN', 'admin', 'active'),
        user('USR-STAFF', 'staff', 'active'),
        user('USR-GONE', 'staff', 'disabled'),
        user('USR-CUST', 'customer', 'active'),
        user('USR-NEW', 'customer', 'unverified'),
      );
      await insert(db, 'sessions', {
        id: 'SES-1',
        token_hash: 'a'.repeat(64),
        user_id: 'USR-CUST',
        created_at: T,
        expires_at: minutes(60 * 24 * 30),
        last_seen_at: T,
      });
    },
  },
  {
    version: '002-audit-log',
    async write(db) {
      await insert(db, 'audit_log', {
        id: 'AUD-1',
        actor_id: 'USR-ADMIN',
        ip: '2001:db8::1',
        action: 'product.update',
        entity: 'product',
        entity_id: 'PRD-GPU',
        before_json: JSON.stringify({ priceCents: 52_999 }),
        after_json: JSON.stringify({ priceCents: 49_999, note: KHMER }),
        created_at: minutes(4),
      });
    },
  },
  {
    version: '003-accounts',
    async write(db) {
      await update(
        db,
        'users',
        { phone: '+855 12 345 678', locale: 'km', email_verified_at: minutes(5), otp_login: 1 },
        { id: 'USR-CUST' },
      );
      await update(db, 'users', { failed_logins: 2, locked_until: minutes(20) }, { id: 'USR-STAFF' });
      await update(
        db,
        'sessions',
        { ip: '203.0.113.7', user_agent: 'Mozilla/5.0 (Upgrade test)' },
        { id: 'SES-1' },
      );
      await insert(db, 'otp_challenges', {
        id: 'OTP-1',
        user_id: 'USR-NEW',
        purpose: 'verify_email',
        code_hash: 'b'.repeat(64),
        attempts: 1,
        expires_at: minutes(15),
        consumed_at: null,
        created_at: minutes(5),
      });
      await insert(db, 'password_resets', {
        id: 'PWR-1',
        user_id: 'USR-CUST',
        token_hash: 'c'.repeat(64),
        expires_at: minutes(65),
        used_at: null,
        created_at: minutes(5),
      });
      await insert(db, 'addresses', {
        id: 'ADR-1',
        user_id: 'USR-CUST',
        label: 'Home',
        recipient: 'សុខ ដារា',
        phone: '+855 12 345 678',
        house_street: '#12, St. 271',
        floor_unit: null,
        village: null,
        sangkat: 'Tuol Tumpung 2',
        khan: 'Chamkar Mon',
        province: 'Phnom Penh',
        landmark: 'near the market',
        delivery_notes: null,
        is_default: 1,
        created_at: minutes(6),
        updated_at: minutes(6),
      });
      const mail = (id: string, status: string, sent: number | null): Row => ({
        id,
        to_address: 'usr-cust@shop.test',
        template: 'order_paid',
        subject: `Order W-1001 ${KHMER}`,
        html: `<p>${KHMER}</p>`,
        text: KHMER,
        status,
        attempts: sent ? 1 : 3,
        next_attempt_at: minutes(7),
        claimed_by: null,
        claimed_until: null,
        last_error: sent ? null : '421 try later',
        created_at: minutes(7),
        sent_at: sent,
      });
      await insert(db, 'email_outbox', mail('MAIL-1', 'sent', minutes(8)), mail('MAIL-2', 'pending', null));
      await insert(db, 'rate_limits', { bucket: 'login:203.0.113.7', window_start: minutes(7), hits: 4 });
      await insert(
        db,
        'settings',
        {
          key: 'shop.identity',
          value_json: JSON.stringify({ name: 'Upgrade Computers', nameKm: KHMER, phone: '+855 23 000 000' }),
          updated_at: minutes(7),
        },
        { key: 'orders.pricing', value_json: JSON.stringify({ rielPerUsd: 4_100 }), updated_at: minutes(7) },
      );
    },
  },
  {
    version: '004-orders',
    async write(db) {
      await insert(db, 'carts', {
        id: 'CART-1',
        user_id: 'USR-CUST',
        guest_token_hash: null,
        created_at: minutes(9),
        updated_at: minutes(9),
      });
      await insert(db, 'cart_items', {
        id: 'CI-1',
        cart_id: 'CART-1',
        product_id: 'PRD-GPU',
        quantity: 2,
        added_at: minutes(9),
      });
      const order = (id: string, number: string, extra: Row): Row => ({
        id,
        number,
        channel: 'web',
        status: 'paid',
        user_id: 'USR-CUST',
        customer_name: 'សុខ ដារា',
        customer_email: 'usr-cust@shop.test',
        customer_phone: '+855 12 345 678',
        fulfilment: 'pickup',
        delivery_address_json: null,
        note: null,
        currency: 'USD',
        subtotal_cents: 49_999,
        delivery_fee_cents: 0,
        total_cents: 49_999,
        riel_per_usd: 4_100,
        total_khr: 204_995_900,
        locale: 'km',
        payment_due_at: minutes(70),
        paid_at: minutes(12),
        created_at: minutes(10),
        updated_at: minutes(12),
        ...extra,
      });
      const paid = await orderNumber(db, 'W');
      await insert(db, 'orders', order('ORD-PAID', paid, {}));
      // A big order in riel, unpaid: its total needs BIGINT (above 2^31) on both dialects, and it holds stock.
      const unpaid = await orderNumber(db, 'W');
      await insert(
        db,
        'orders',
        order('ORD-UNPAID', unpaid, {
          status: 'pending_payment',
          currency: 'KHR',
          fulfilment: 'delivery',
          delivery_address_json: JSON.stringify({ province: 'Siem Reap', recipient: 'សុខ ដារា' }),
          subtotal_cents: 129_900 * 5,
          delivery_fee_cents: 500,
          total_cents: 129_900 * 5 + 500,
          total_khr: 2_665_095_000,
          payment_due_at: minutes(75),
          paid_at: null,
          created_at: minutes(15),
          updated_at: minutes(15),
        }),
      );
      const line = (id: string, orderId: string, product: string, quantity: number, unit: number): Row => ({
        id,
        order_id: orderId,
        product_id: product,
        sku: product === 'PRD-GPU' ? 'RTX-4070' : 'ZENBOOK-14',
        name: `Product ${product}`,
        quantity,
        unit_price_cents: unit,
        line_total_cents: unit * quantity,
        warranty_months: 12,
        cancelled_quantity: 0,
        cancel_reason: null,
      });
      await insert(
        db,
        'order_items',
        line('OI-PAID', 'ORD-PAID', 'PRD-GPU', 1, 49_999),
        line('OI-UNPAID', 'ORD-UNPAID', 'PRD-GPU', 5, 129_900),
      );
      await move(db, {
        id: 'MV-004-A',
        product: 'PRD-GPU',
        type: 'sale',
        onHand: -1,
        reference: paid,
        at: minutes(12),
      });
      await move(db, {
        id: 'MV-004-B',
        product: 'PRD-GPU',
        type: 'reservation',
        onHand: 0,
        reserved: 5,
        reference: unpaid,
        at: minutes(15),
      });
      await insert(
        db,
        'order_events',
        {
          id: 'OE-1',
          order_id: 'ORD-PAID',
          from_status: 'pending_payment',
          to_status: 'paid',
          actor: 'system',
          actor_id: null,
          reason: 'Bakong confirmed',
          created_at: minutes(12),
        },
        {
          id: 'OE-2',
          order_id: 'ORD-UNPAID',
          from_status: null,
          to_status: 'pending_payment',
          actor: 'customer',
          actor_id: 'USR-CUST',
          reason: null,
          created_at: minutes(15),
        },
      );
      await insert(db, 'idempotency_keys', {
        key_hash: 'd'.repeat(64),
        request_hash: 'e'.repeat(64),
        order_id: 'ORD-UNPAID',
        created_at: minutes(15),
      });
      const khqr = (id: string, orderId: string, extra: Row): Row => ({
        id,
        order_id: orderId,
        method: 'khqr',
        currency: 'USD',
        amount_minor: 49_999,
        qr: '00020101021229180014upgrade@bank5204599953038405405499.99',
        md5: id === 'PAY-PAID' ? '0'.repeat(32) : '1'.repeat(32),
        status: 'paid',
        expires_at: minutes(25),
        watch_until: minutes(40),
        next_check_at: minutes(13),
        check_failures: 0,
        claimed_by: null,
        claimed_until: null,
        bakong_hash: 'f00dfeed',
        paid_at: minutes(12),
        created_at: minutes(10),
        updated_at: minutes(12),
        ...extra,
      });
      await insert(
        db,
        'payments',
        khqr('PAY-PAID', 'ORD-PAID', {}),
        khqr('PAY-UNPAID', 'ORD-UNPAID', {
          currency: 'KHR',
          amount_minor: 2_665_095_000,
          status: 'pending',
          bakong_hash: null,
          paid_at: null,
          expires_at: minutes(30),
          watch_until: minutes(45),
          next_check_at: minutes(16),
          created_at: minutes(15),
          updated_at: minutes(15),
        }),
      );
    },
  },
  {
    version: '005-payment-proofs',
    async write(db) {
      await insert(db, 'payment_proofs', {
        id: 'PP-1',
        order_id: 'ORD-UNPAID',
        uploaded_by: 'USR-CUST',
        storage_key: 'proofs/2025/01/pp-1.webp',
        sha256: '9'.repeat(64),
        status: 'pending',
        duplicate_of_order_id: null,
        reason: null,
        reviewed_by: null,
        reviewed_at: null,
        created_at: minutes(17),
      });
    },
  },
  {
    version: '006-order-lines',
    async write(db) {
      await update(db, 'orders', { refund_owed_cents: 1_000 }, { id: 'ORD-PAID' });
      await insert(db, 'order_line_cancellations', {
        id: 'OLC-1',
        order_id: 'ORD-PAID',
        order_item_id: 'OI-PAID',
        quantity: 1,
        reason: 'damaged',
        note: 'box crushed',
        value_cents: 1_000,
        order_status: 'paid',
        actor_id: 'USR-STAFF',
        created_at: minutes(18),
      });
    },
  },
  {
    version: '008-support',
    async write(db) {
      await insert(db, 'support_inquiries', {
        id: 'INQ-1',
        user_id: null,
        name: 'Guest',
        email: 'guest@example.test',
        locale: 'km',
        order_id: 'ORD-PAID',
        subject: `Warranty ${KHMER}`,
        status: 'awaiting_staff',
        last_author_kind: 'customer',
        created_at: minutes(19),
        updated_at: minutes(19),
      });
      await insert(db, 'support_messages', {
        id: 'MSG-1',
        inquiry_id: 'INQ-1',
        author_kind: 'customer',
        author_id: null,
        body: `${KHMER}\nIs the warranty 12 months?`,
        created_at: minutes(19),
      });
    },
  },
  {
    version: '009-sign-in-hardening',
    async write(db) {
      await update(db, 'users', { sign_in_epoch: 3 }, { id: 'USR-ADMIN' });
      await update(
        db,
        'otp_challenges',
        { password_hash: PASSWORD_HASH, name: 'New customer', locale: 'en' },
        { id: 'OTP-1' },
      );
      await insert(db, 'sign_in_checks', {
        account_key: '2'.repeat(64),
        id: 'SIC-1',
        user_id: 'USR-CUST',
        code_hash: '3'.repeat(64),
        attempts: 0,
        expires_at: minutes(30),
        consumed_at: null,
        created_at: minutes(20),
      });
      await insert(db, 'trusted_devices', {
        token_hash: '4'.repeat(64),
        user_id: 'USR-CUST',
        created_at: minutes(20),
        last_used_at: minutes(21),
        expires_at: minutes(60 * 24 * 90),
      });
    },
  },
  {
    version: '010-unpaid-holds',
    async write(db) {
      // An order placed at this version holds its stock with counters; ORD-UNPAID's hold came from the migration.
      await insert(
        db,
        'hold_counters',
        { holder: 'customer:USR-CUST', product_id: '', held: 1, updated_at: minutes(22) },
        { holder: 'customer:USR-CUST', product_id: 'PRD-GPU', held: 5, updated_at: minutes(22) },
      );
      // Money that came in for an order no longer waiting for it, owed back: it references a payment, which 014
      // and 018 rebuild on SQLite.
      await insert(db, 'refunds_owed', {
        id: 'RFO-1',
        order_id: 'ORD-PAID',
        payment_id: 'PAY-PAID',
        amount_minor: 49_999,
        currency: 'USD',
        bakong_hash: 'f00dfeed',
        md5: '0'.repeat(32),
        order_status: 'cancelled',
        found_at: minutes(22),
        status: 'owed',
        refunded_by: null,
        refunded_at: null,
        note: null,
      });
    },
  },
  {
    version: '013-sign-up-attempts',
    async write(db) {
      await update(db, 'otp_challenges', { attempt_hash: '5'.repeat(64) }, { id: 'OTP-1' });
    },
  },
  {
    version: '014-payment-methods',
    async write(db) {
      // Cash taken for the paid order's balance: no QR, no md5, none of the KHQR timings.
      await insert(db, 'payments', {
        id: 'PAY-CASH',
        order_id: 'ORD-PAID',
        method: 'cash',
        currency: 'KHR',
        amount_minor: 40_000,
        qr: null,
        md5: null,
        status: 'paid',
        expires_at: null,
        watch_until: null,
        next_check_at: null,
        check_failures: 0,
        claimed_by: null,
        claimed_until: null,
        bakong_hash: null,
        paid_at: minutes(23),
        created_at: minutes(23),
        updated_at: minutes(23),
        tendered_minor: 50_000,
        change_minor: 10_000,
        received_by: 'USR-STAFF',
      });
    },
  },
  {
    version: '015-counters',
    async write(db) {
      await update(
        db,
        'users',
        { pin_verifier: 'scrypt-pin$abc$def', pin_set_at: minutes(24) },
        { id: 'USR-STAFF' },
      );
      await insert(db, 'devices', {
        id: 'DEV-1',
        name: 'Front counter',
        pairing_code_hash: null,
        pairing_expires_at: null,
        token_hash: '6'.repeat(64),
        created_by: 'USR-ADMIN',
        created_at: minutes(24),
        paired_at: minutes(25),
        revoked_at: null,
        revoked_by: null,
        last_seen_at: minutes(40),
        last_sync_at: minutes(40),
        app_version: '0.1.0',
        pending_count: 0,
      });
      await insert(db, 'pos_shifts', {
        id: '01JGZ0SHIFT000000000000001',
        device_id: 'DEV-1',
        opened_by: 'USR-STAFF',
        opened_at: minutes(25),
        float_usd_cents: 10_000,
        float_khr: 200_000,
        closed_by: null,
        closed_at: null,
        counted_usd_cents: null,
        counted_khr: null,
      });
      await insert(db, 'pos_cash_movements', {
        id: 'CASH-1',
        shift_id: '01JGZ0SHIFT000000000000001',
        staff_id: 'USR-STAFF',
        kind: 'pay_out',
        currency: 'KHR',
        amount_minor: 20_000,
        reason: 'Lunch for the delivery driver',
        at: minutes(26),
      });
      // A counter sale, sold beyond what the server had: 2 laptops of 3 on hand, plus one the server lacked.
      const number = await orderNumber(db, 'P');
      await insert(db, 'orders', {
        id: 'ORD-POS',
        number,
        channel: 'pos',
        status: 'picked_up',
        user_id: null,
        customer_name: 'Walk-in',
        customer_email: null,
        customer_phone: null,
        fulfilment: 'pickup',
        delivery_address_json: null,
        note: null,
        currency: 'USD',
        subtotal_cents: 129_900 * 2,
        delivery_fee_cents: 0,
        total_cents: 129_900 * 2 - 5_000,
        riel_per_usd: 4_100,
        total_khr: (129_900 * 2 - 5_000) * 41,
        locale: 'en',
        payment_due_at: null,
        paid_at: minutes(27),
        created_at: minutes(27),
        updated_at: minutes(27),
        refund_owed_cents: 0,
        device_id: 'DEV-1',
        staff_id: 'USR-STAFF',
        shift_id: '01JGZ0SHIFT000000000000001',
        receipt_number: 'FC-0001',
        discount_cents: 5_000,
      });
      await insert(db, 'order_items', {
        id: 'OI-POS',
        order_id: 'ORD-POS',
        product_id: 'PRD-LAPTOP',
        sku: 'ZENBOOK-14',
        name: 'Product PRD-LAPTOP',
        quantity: 2,
        unit_price_cents: 129_900,
        line_total_cents: 129_900 * 2,
        warranty_months: 24,
        cancelled_quantity: 0,
        cancel_reason: null,
        discount_cents: 0,
      });
      await move(db, {
        id: 'MV-015-A',
        product: 'PRD-LAPTOP',
        type: 'sale',
        onHand: -2,
        reference: number,
        at: minutes(27),
      });
      await update(
        db,
        'serial_numbers',
        {
          status: 'sold',
          reference: number,
          sold_at: minutes(27),
          warranty_until: minutes(27 + 60 * 24 * 730),
        },
        { id: 'SER-0' },
      );
      await insert(db, 'payments', {
        id: 'PAY-POS',
        order_id: 'ORD-POS',
        method: 'khqr',
        currency: 'USD',
        amount_minor: 129_900 * 2 - 5_000,
        qr: null,
        md5: null,
        status: 'paid',
        expires_at: null,
        watch_until: null,
        next_check_at: null,
        check_failures: 0,
        claimed_by: null,
        claimed_until: null,
        bakong_hash: null,
        paid_at: minutes(27),
        created_at: minutes(27),
        updated_at: minutes(27),
        tendered_minor: null,
        change_minor: null,
        received_by: 'USR-STAFF',
        needs_reconciliation: 1,
      });
      await insert(db, 'stock_shortfalls', {
        id: 'SF-1',
        product_id: 'PRD-LAPTOP',
        order_id: 'ORD-POS',
        device_id: 'DEV-1',
        quantity: 1,
        created_at: minutes(27),
        resolved_at: null,
        resolved_by: null,
        resolution: null,
      });
      const item = { id: '01JGZ0SALE0000000000000001', type: 'sale', at: minutes(27), staffId: 'USR-STAFF' };
      await insert(db, 'sync_items', {
        id: item.id,
        device_id: 'DEV-1',
        type: 'sale',
        staff_id: 'USR-STAFF',
        content_hash: '7'.repeat(64),
        item_json: JSON.stringify({ ...item, receiptNumber: 'FC-0001', lines: [] }),
        status: 'applied',
        result_json: JSON.stringify({
          id: item.id,
          status: 'applied',
          orderId: 'ORD-POS',
          orderNumber: number,
        }),
        error: null,
        order_id: 'ORD-POS',
        at: minutes(27),
        received_at: minutes(28),
        resolved_at: null,
        resolved_by: null,
        discard_reason: null,
      });
      await insert(db, 'sync_items', {
        id: '01JGZ0PARKED00000000000001',
        device_id: 'DEV-1',
        type: 'sale',
        staff_id: 'USR-UNKNOWN',
        content_hash: '8'.repeat(64),
        item_json: JSON.stringify({ id: '01JGZ0PARKED00000000000001', type: 'sale', staffId: 'USR-UNKNOWN' }),
        status: 'parked',
        result_json: JSON.stringify({
          id: '01JGZ0PARKED00000000000001',
          status: 'parked',
          error: 'unknown staff',
        }),
        error: 'unknown staff',
        order_id: null,
        at: minutes(29),
        received_at: minutes(29),
        resolved_at: null,
        resolved_by: null,
        discard_reason: null,
      });
    },
  },
  {
    version: '016-counter-returns',
    async write(db) {
      await insert(db, 'counter_returns', {
        id: '01JGZ0RETURN0000000000001',
        order_id: 'ORD-POS',
        device_id: 'DEV-1',
        staff_id: 'USR-STAFF',
        shift_id: '01JGZ0SHIFT000000000000001',
        reason: 'Dead pixel',
        at: minutes(30),
      });
      await insert(db, 'counter_return_lines', {
        id: 'CRL-1',
        return_id: '01JGZ0RETURN0000000000001',
        order_item_id: 'OI-POS',
        product_id: 'PRD-LAPTOP',
        quantity: 1,
        value_cents: 129_900,
      });
      await insert(db, 'counter_refunds', {
        id: 'CRF-1',
        return_id: '01JGZ0RETURN0000000000001',
        method: 'cash',
        currency: 'USD',
        amount_minor: 129_900,
        at: minutes(30),
      });
      await update(db, 'order_items', { returned_quantity: 1 }, { id: 'OI-POS' });
      await move(db, {
        id: 'MV-016-A',
        product: 'PRD-LAPTOP',
        type: 'return',
        onHand: 1,
        reference: 'FC-0001',
        at: minutes(30),
      });
    },
  },
  {
    version: '017-feed-backfill',
    async write(db) {
      // From here accounts are in the feed: a customer who signs up now records their change.
      await insert(db, 'users', {
        id: 'USR-LATE',
        email: 'late@shop.test',
        name: 'ស្រី ពៅ',
        role: 'customer',
        status: 'active',
        password_hash: PASSWORD_HASH,
        created_at: minutes(31),
        updated_at: minutes(31),
        phone: null,
        locale: 'km',
        otp_login: 0,
        email_verified_at: minutes(31),
        failed_logins: 0,
        locked_until: null,
        sign_in_epoch: 0,
        pin_verifier: null,
        pin_set_at: null,
      });
      await feed(db, 'customer', 'USR-LATE', minutes(31));
    },
  },
  {
    version: '018-counter-khqr',
    async write(db) {
      // A counter's dynamic KHQR, asked for before its sale reached the server: no order yet.
      await insert(db, 'payments', {
        id: 'PAY-COUNTER-QR',
        order_id: null,
        method: 'khqr',
        currency: 'USD',
        amount_minor: 2_500,
        qr: '00020101021230190015counter@bank',
        md5: '2'.repeat(32),
        status: 'pending',
        expires_at: minutes(40),
        watch_until: minutes(55),
        next_check_at: minutes(33),
        check_failures: 1,
        claimed_by: null,
        claimed_until: null,
        bakong_hash: null,
        paid_at: null,
        created_at: minutes(32),
        updated_at: minutes(32),
        tendered_minor: null,
        change_minor: null,
        received_by: null,
        needs_reconciliation: 0,
        device_id: 'DEV-1',
        change_currency: null,
      });
      await update(db, 'payments', { change_currency: 'KHR' }, { id: 'PAY-CASH' });
    },
  },
  {
    version: '020-payment-reconciliation',
    async write(db) {
      await update(
        db,
        'payments',
        {
          reconciled_at: minutes(34),
          reconciled_by: 'USR-ADMIN',
          reconciliation_outcome: 'matched',
          reconciliation_note: 'On the ABA statement',
          reported_amount_minor: 129_900 * 2 - 5_000,
          reported_currency: 'USD',
          reported_account: 'shop@aclb',
        },
        { id: 'PAY-POS' },
      );
      await update(db, 'payment_proofs', { transaction_ref: 'TX-778899' }, { id: 'PP-1' });
    },
  },
  {
    version: '021-people-and-stock',
    async write(db) {
      await update(db, 'products', { cost_cents: 38_000, reorder_level: 4 }, { id: 'PRD-GPU' });
      await insert(db, 'staff_invitations', {
        id: 'INV-1',
        email: 'new.staff@shop.test',
        open_email: 'new.staff@shop.test',
        name: 'New staff',
        role: 'staff',
        locale: 'km',
        token_hash: 'a1'.repeat(32),
        invited_by: 'USR-ADMIN',
        user_id: null,
        expires_at: minutes(60 * 24 * 7),
        accepted_at: null,
        revoked_at: null,
        created_at: minutes(35),
        updated_at: minutes(35),
      });
    },
  },
  {
    version: '022-sales-reports',
    async write(db) {
      const sums = {
        orders: 1,
        units: 2,
        revenue_cents: 253_800,
        discount_cents: 5_000,
        refund_cents: 129_900,
      };
      await insert(db, 'sales_rollups', {
        dim: 'channel',
        day: '2025-01-06',
        group_key: 'pos',
        ...sums,
        cost_cents: 0,
        costed_net_cents: 0,
      });
      await insert(db, 'sales_rollups_monthly', {
        dim: 'channel',
        month: '2025-01',
        group_key: 'pos',
        ...sums,
        cost_cents: 0,
        costed_net_cents: 0,
      });
      await insert(db, 'sales_rollup_days', { day: '2025-01-06', built_at: minutes(36) });
      await insert(db, 'sales_rollup_stale', { id: 'STALE-1', day: '2025-01-06', created_at: minutes(36) });
    },
  },
  {
    version: '023-receipt-fields',
    async write(db) {
      await move(db, {
        id: 'MV-023-A',
        product: 'PRD-GPU',
        type: 'receive',
        onHand: 4,
        reference: 'INV-2025-0042',
        at: minutes(37),
        extra: { supplier: 'Angkor Distribution', unit_cost_cents: 37_500 },
      });
    },
  },
  {
    version: '024-server-processes',
    async write(db) {
      await insert(db, 'server_processes', {
        id: 'PROC-1',
        hostname: 'shop-1',
        pid: 4242,
        version: '0.1.0',
        started_at: minutes(38),
        last_seen_at: minutes(39),
      });
    },
  },
  {
    version: '026-khmer-descriptions',
    async write(db) {
      await update(db, 'products', { description_km: `កាតក្រាហ្វិក ${KHMER}` }, { id: 'PRD-GPU' });
    },
  },
  {
    version: '027-guest-orders',
    async write(db) {
      await insert(db, 'order_access_tokens', {
        token_hash: 'b2'.repeat(32),
        order_id: 'ORD-UNPAID',
        created_at: minutes(40),
      });
    },
  },
  {
    version: '028-stock-alerts',
    async write(db) {
      await insert(db, 'stock_alerts', {
        id: 'ALERT-1',
        product_id: 'PRD-OLD',
        email: 'wants-it@example.test',
        open_key: 'PRD-OLD:wants-it@example.test',
        locale: 'km',
        product_url: 'https://shop.example/km/products/gtx-1060',
        created_at: minutes(41),
        mailed_at: null,
      });
    },
  },
  {
    version: '030-wishlists',
    async write(db) {
      await insert(db, 'wishlist_items', {
        user_id: 'USR-CUST',
        product_id: 'PRD-LAPTOP',
        added_at: minutes(42),
      });
      // Sold at this version: units sold move with the ledger (029 on).
      await move(
        db,
        {
          id: 'MV-030-A',
          product: 'PRD-GPU',
          type: 'sale',
          onHand: -2,
          reference: 'FC-0002',
          at: minutes(42),
        },
        { unitsSold: true },
      );
      await feed(db, 'stock', 'PRD-GPU', minutes(42));
    },
  },
  {
    version: '031-delivery-days',
    async write(db) {
      await update(db, 'orders', { delivery_days_min: 2, delivery_days_max: 4 }, { id: 'ORD-UNPAID' });
    },
  },
  {
    version: '034-order-numbers',
    async write(db) {
      const number = await orderNumber(db, 'W');
      await insert(db, 'orders', {
        id: 'ORD-LATE',
        number,
        channel: 'web',
        status: 'cancelled',
        user_id: 'USR-LATE',
        customer_name: 'ស្រី ពៅ',
        customer_email: 'late@shop.test',
        customer_phone: null,
        fulfilment: 'pickup',
        delivery_address_json: null,
        note: null,
        currency: 'USD',
        subtotal_cents: 49_999,
        delivery_fee_cents: 0,
        total_cents: 49_999,
        riel_per_usd: 4_100,
        total_khr: 204_995_900,
        locale: 'km',
        payment_due_at: minutes(103),
        paid_at: null,
        created_at: minutes(43),
        updated_at: minutes(44),
        refund_owed_cents: 0,
        device_id: null,
        staff_id: null,
        shift_id: null,
        receipt_number: null,
        discount_cents: 0,
        delivery_days_min: null,
        delivery_days_max: null,
      });
    },
  },
  {
    version: '040-sync-contract',
    async write(db) {
      // An item a counter sent in a type this server did not take, parked with the contract it came in.
      const item = {
        id: '01JGZ0COUNT00000000000001',
        type: 'stock_count',
        at: minutes(45),
        staffId: 'USR-STAFF',
      };
      await insert(db, 'sync_items', {
        id: item.id,
        device_id: 'DEV-1',
        type: item.type,
        staff_id: item.staffId,
        content_hash: '9a'.repeat(32),
        item_json: JSON.stringify({ ...item, counted: [{ productId: 'PRD-GPU', units: 11 }] }),
        status: 'parked',
        result_json: JSON.stringify({ id: item.id, status: 'parked', error: 'type not taken' }),
        error: 'type not taken',
        order_id: null,
        at: item.at,
        received_at: minutes(46),
        resolved_at: null,
        resolved_by: null,
        discard_reason: null,
        contract: 1,
      });
    },
  },
  {
    version: '041-promotions',
    async write(db) {
      // A brand promotion and a coupon, in the feed for counters; an order that used both, its discounts by name.
      await insert(db, 'promotions', {
        id: 'PROMO-BRAND',
        kind: 'brand_off',
        name: `Tet ${KHMER}`,
        target_id: 'BR-ASUS',
        percent: 10,
        amount_cents: null,
        sale_price_cents: null,
        min_total_cents: null,
        product_ids_json: '[]',
        free_quantity: null,
        starts_on: '2025-01-01',
        ends_on: '2025-02-15',
        paused: 0,
        created_at: minutes(47),
        updated_at: minutes(47),
      });
      await insert(db, 'coupons', {
        id: 'CPN-TET',
        code: 'TET2025',
        name: 'Tet coupon',
        percent: null,
        amount_cents: 500,
        min_total_cents: 5_000,
        max_uses: 10,
        max_uses_per_customer: 1,
        channels: 'web,pos',
        starts_on: null,
        ends_on: null,
        paused: 0,
        uses: 1,
        created_at: minutes(47),
        updated_at: minutes(47),
      });
      await insert(db, 'coupon_customer_uses', {
        id: 'CPN-TET:USR-CUST',
        coupon_id: 'CPN-TET',
        user_id: 'USR-CUST',
        uses: 1,
      });
      await insert(db, 'coupon_uses', {
        coupon_id: 'CPN-TET',
        order_id: 'ORD-UNPAID',
        user_id: 'USR-CUST',
        discount_cents: 500,
        created_at: minutes(48),
      });
      await insert(db, 'order_discounts', {
        id: 'OD-1',
        order_id: 'ORD-UNPAID',
        position: 0,
        source: 'coupon',
        ref_id: 'CPN-TET',
        name: 'Tet coupon',
        kind: 'coupon',
        level: 'cart',
        amount_cents: 500,
      });
      await feed(db, 'promotion', 'PROMO-BRAND', minutes(47));
      await feed(db, 'coupon', 'CPN-TET', minutes(47));
    },
  },
  {
    version: '042-notifications',
    async write(db) {
      await insert(
        db,
        'notifications',
        {
          id: '01JGZ0NOTE000000000000001',
          user_id: 'USR-STAFF',
          kind: 'new_web_order',
          params_json: JSON.stringify({ orderNumber: 'W-000042', total: '$499.99', fulfilment: 'pickup' }),
          link: '/back-office/orders/ORD-LATE',
          created_at: minutes(47),
          read_at: null,
        },
        {
          id: '01JGZ0NOTE000000000000002',
          user_id: 'USR-CUST',
          kind: 'order_step',
          params_json: JSON.stringify({ orderNumber: 'W-000042', status: 'paid' }),
          link: '/orders/ORD-LATE',
          created_at: minutes(47),
          read_at: minutes(48),
        },
      );
      await insert(db, 'notification_preferences', { user_id: 'USR-STAFF', kind: 'low_stock', mail: 1 });
    },
  },
  {
    version: '043-pre-orders',
    async write(db) {
      // A GPU the shop takes pre-orders of, with a quarter down, expected on a known day.
      await db
        .updateTable('products')
        .set({ preorder_allowed: 1, preorder_expected_on: '2026-01-15', preorder_deposit_percent: 25 })
        .where('id', '=', 'PRD-GPU')
        .execute();
    },
  },
  {
    version: '044-saved-builds',
    async write(db) {
      // A build a customer saved and shared, and one a guest saved (no owner).
      await insert(db, 'saved_builds', {
        id: 'Zk3v9QmT2xLr8WcN1pYb0A',
        name: 'កុំព្យូទ័រលេងហ្គេម ✨',
        picks_json: JSON.stringify([{ slot: 'gpu', productId: 'PRD-GPU', quantity: 1 }]),
        owner_id: 'USR-LATE',
        created_at: minutes(47),
        updated_at: minutes(48),
      });
      await insert(db, 'saved_builds', {
        id: 'q_8Hn-2LwX5tYe7RaB4cD6',
        name: null,
        picks_json: JSON.stringify([{ slot: 'gpu', productId: 'PRD-GPU', quantity: 1 }]),
        owner_id: null,
        created_at: minutes(49),
        updated_at: minutes(49),
      });
    },
  },
  {
    version: '045-warranty-claims',
    async write(db) {
      // The unit sold at the counter (SER-0) came back with a fault and is with the technicians.
      await insert(db, 'warranty_claims', {
        id: 'CLM-1',
        number: 'RMA-000001',
        serial_id: 'SER-0',
        serial: 'SN-A1',
        product_id: 'PRD-LAPTOP',
        order_id: 'ORD-POS',
        user_id: null,
        customer_name: 'សុខ ចាន់',
        customer_phone: '012 345 678',
        customer_email: null,
        locale: 'km',
        fault: 'អេក្រង់ខ្មៅ — black screen',
        accessories: 'charger',
        in_warranty: 1,
        warranty_until: minutes(27 + 60 * 24 * 730),
        status: 'diagnosing',
        quote_cents: null,
        quote_accepted_at: null,
        quote_accepted_by: null,
        refusal_reason: null,
        replacement_serial_id: null,
        replacement_serial: null,
        opened_by: 'USR-STAFF',
        status_since: minutes(48),
        created_at: minutes(47),
        updated_at: minutes(48),
      });
      for (const [id, from, to, at] of [
        ['CLE-1', null, 'received', 47],
        ['CLE-2', 'received', 'diagnosing', 48],
      ] as const)
        await insert(db, 'warranty_claim_events', {
          id,
          claim_id: 'CLM-1',
          from_status: from,
          to_status: to,
          note: null,
          actor_id: 'USR-STAFF',
          created_at: minutes(at),
        });
      await update(db, 'counters', { value: 1 }, { name: 'warranty_claims' });
    },
  },
  {
    version: '047-repair-payments',
    async write() {
      // A column only (the order a repair's quote became when paid): claim CLM-1 is in warranty and owes nothing.
    },
  },
];
