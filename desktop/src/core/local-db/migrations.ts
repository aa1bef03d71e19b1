/**
 * The counter's local schema, one step per `PRAGMA user_version`. A step is never edited once shipped: counters in
 * the shop hold data made by it; a change is a new step at the end.
 *
 * Money is integer minor units (USD cents, riel), times are epoch ms, booleans 0/1 (better-sqlite3 binds neither
 * booleans nor dates).
 */
export const migrations: readonly string[] = [
  `
  -- The catalog as the server's change feed last described it.
  CREATE TABLE categories (id TEXT PRIMARY KEY, name TEXT NOT NULL, name_km TEXT, parent_id TEXT);
  CREATE TABLE brands (id TEXT PRIMARY KEY, name TEXT NOT NULL);
  CREATE TABLE products (
    id TEXT PRIMARY KEY,
    sku TEXT NOT NULL,
    barcode TEXT,
    name TEXT NOT NULL,
    category_id TEXT,
    brand_id TEXT,
    price_cents INTEGER NOT NULL,
    sale_price_cents INTEGER,
    serialized INTEGER NOT NULL,
    warranty_months INTEGER NOT NULL,
    active INTEGER NOT NULL,
    -- What the server said is available at the last pull…
    available INTEGER NOT NULL,
    -- …and units this counter sold (minus returned) that the server has not answered for yet. The shelf shows
    -- available - unsynced_sold, so a pull arriving before the push never puts sold units back on sale.
    unsynced_sold INTEGER NOT NULL DEFAULT 0,
    thumbnail_url TEXT
  );
  CREATE INDEX products_barcode ON products (barcode) WHERE barcode IS NOT NULL;
  CREATE INDEX products_sku ON products (sku COLLATE NOCASE);
  CREATE INDEX products_shelf ON products (active DESC, name);
  -- Search as you type: a full-text index (FTS5, contentless) of each product's normalized name and SKU words, keyed
  -- by the product's rowid, with its state (on/off sale) as a column so active matches are asked for first. FTS5
  -- intersects the words' lists in C and stops at the limit, where a words table with EXISTS probes took 100+ ms
  -- on common words. The words come from nameWords(), so the tokenizer keeps each as it is (marks included).
  CREATE VIRTUAL TABLE product_search USING fts5(
    state,
    words,
    content = '',
    contentless_delete = 1,
    prefix = '1 2 3',
    detail = column,
    tokenize = "unicode61 remove_diacritics 0 categories 'L* N* Co M*'"
  );

  CREATE TABLE customers (id TEXT PRIMARY KEY, name TEXT NOT NULL, phone TEXT, email TEXT);
  CREATE INDEX customers_phone ON customers (phone);

  CREATE TABLE staff (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    role TEXT NOT NULL,
    active INTEGER NOT NULL,
    pin_verifier TEXT,
    -- Set when they signed in online (password and mailed code) on this counter: only then may a PIN open it.
    signed_in_online_at INTEGER
  );
  CREATE TABLE pin_attempts (
    staff_id TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    lockouts INTEGER NOT NULL,
    locked_until INTEGER
  );

  CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);

  -- What the counter did and the server has not answered for yet, in the order it happened.
  CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL,
    staff_id TEXT NOT NULL,
    item TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    -- pending: to push; failed: the server answered conflict, kept aside for staff, never blocking the queue.
    status TEXT NOT NULL DEFAULT 'pending',
    attempts INTEGER NOT NULL DEFAULT 0,
    error TEXT
  );
  CREATE INDEX outbox_queue ON outbox (status, seq);
  CREATE INDEX outbox_staff ON outbox (staff_id, status);
  -- The server's answer for each item that left the outbox (applied or parked), by item id (= the sale's id).
  CREATE TABLE sync_results (
    item_id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    status TEXT NOT NULL,
    order_id TEXT,
    order_number TEXT,
    shortfalls TEXT,
    error TEXT,
    answered_at INTEGER NOT NULL
  );

  CREATE TABLE shifts (
    id TEXT PRIMARY KEY,
    opened_at INTEGER NOT NULL,
    opened_by TEXT NOT NULL,
    float_usd_cents INTEGER NOT NULL,
    float_khr INTEGER NOT NULL,
    closed_at INTEGER,
    closed_by TEXT,
    counted_usd_cents INTEGER,
    counted_khr INTEGER,
    expected_usd_cents INTEGER,
    expected_khr INTEGER
  );
  -- One open shift per counter.
  CREATE UNIQUE INDEX shifts_one_open ON shifts ((closed_at IS NULL)) WHERE closed_at IS NULL;
  CREATE TABLE cash_movements (
    id TEXT PRIMARY KEY,
    shift_id TEXT NOT NULL REFERENCES shifts (id),
    at INTEGER NOT NULL,
    staff_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    currency TEXT NOT NULL,
    amount INTEGER NOT NULL,
    reason TEXT NOT NULL
  );

  CREATE TABLE sales (
    id TEXT PRIMARY KEY,
    receipt_number TEXT NOT NULL UNIQUE,
    at INTEGER NOT NULL,
    staff_id TEXT NOT NULL,
    shift_id TEXT,
    customer_id TEXT,
    subtotal_cents INTEGER NOT NULL,
    discount_cents INTEGER NOT NULL,
    total_cents INTEGER NOT NULL,
    riel_per_usd INTEGER NOT NULL,
    -- Riel added (or taken off) to reach a 100-riel step when the rest was paid in riel: its own receipt line.
    rounding_riel INTEGER NOT NULL
  );
  CREATE INDEX sales_shift ON sales (shift_id);
  CREATE TABLE sale_lines (
    sale_id TEXT NOT NULL REFERENCES sales (id),
    line_no INTEGER NOT NULL,
    product_id TEXT NOT NULL,
    name TEXT NOT NULL,
    quantity INTEGER NOT NULL,
    unit_price_cents INTEGER NOT NULL,
    discount_cents INTEGER NOT NULL,
    serials TEXT NOT NULL,
    PRIMARY KEY (sale_id, line_no)
  );
  CREATE TABLE sale_payments (
    sale_id TEXT NOT NULL REFERENCES sales (id),
    payment_no INTEGER NOT NULL,
    method TEXT NOT NULL,
    currency TEXT NOT NULL,
    amount INTEGER NOT NULL,
    tendered INTEGER,
    change INTEGER NOT NULL,
    change_currency TEXT NOT NULL,
    staff_confirmed INTEGER NOT NULL,
    PRIMARY KEY (sale_id, payment_no)
  );
  CREATE TABLE returns (
    id TEXT PRIMARY KEY,
    sale_id TEXT NOT NULL REFERENCES sales (id),
    at INTEGER NOT NULL,
    staff_id TEXT NOT NULL,
    shift_id TEXT,
    reason TEXT NOT NULL,
    refunds TEXT NOT NULL
  );
  CREATE INDEX returns_sale ON returns (sale_id);
  CREATE TABLE return_lines (
    return_id TEXT NOT NULL REFERENCES returns (id),
    product_id TEXT NOT NULL,
    quantity INTEGER NOT NULL,
    serials TEXT NOT NULL,
    PRIMARY KEY (return_id, product_id)
  );

  -- Carts put aside while the customer fetches money or another item.
  CREATE TABLE held_carts (id TEXT PRIMARY KEY, held_at INTEGER NOT NULL, staff_id TEXT NOT NULL, cart TEXT NOT NULL);

  -- Who pushes this counter's queue: one process at a time (two windows must never push the same items twice).
  CREATE TABLE push_lock (id INTEGER PRIMARY KEY CHECK (id = 1), owner TEXT, heartbeat_at INTEGER);
  INSERT INTO push_lock (id, owner, heartbeat_at) VALUES (1, NULL, NULL);
  `,
  `
  -- Receipts (receipts/from-sale.ts). What a receipt shows from outside the sale (the shop, its VAT, the counter,
  -- the cashier, the customer) as it was when the sale was made, JSON; NULL for sales made before this step or
  -- before the shop's settings reached the counter: filled at the sale's first receipt, then never changed.
  ALTER TABLE sales ADD COLUMN receipt_snapshot TEXT;
  -- A line's SKU and warranty as sold: the catalog may change them later, a reprint must not.
  ALTER TABLE sale_lines ADD COLUMN sku TEXT;
  ALTER TABLE sale_lines ADD COLUMN warranty_months INTEGER;
  UPDATE sale_lines SET
    sku = (SELECT sku FROM products WHERE products.id = sale_lines.product_id),
    warranty_months = (SELECT warranty_months FROM products WHERE products.id = sale_lines.product_id)
  WHERE sku IS NULL;

  -- VAT invoices issued at this counter: one per sale at most, numbered in this counter's own series.
  CREATE TABLE vat_invoices (
    sale_id TEXT PRIMARY KEY REFERENCES sales (id),
    number TEXT NOT NULL UNIQUE,
    issued_at INTEGER NOT NULL,
    issued_by TEXT NOT NULL,
    -- { name, tin, address, phone } as the cashier entered them.
    buyer TEXT NOT NULL
  );

  -- Settings of this machine only (its receipt printer), never pulled from or pushed to the server.
  CREATE TABLE device_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  `,
  `
  -- Customers added at this counter by phone and name (pos/new-customers.ts), waiting for the shop server to take
  -- them: kept apart from the pulled customers, which a pull rewrites, until the server has them.
  CREATE TABLE customers_to_add (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    phone TEXT NOT NULL UNIQUE,
    staff_id TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  `,
  `
  -- Held sales carry the cashier's note ("customer fetching money"), shown in the list to recall the right one.
  ALTER TABLE held_carts ADD COLUMN note TEXT NOT NULL DEFAULT '';
  `,
  `
  -- What a pull afresh has brought so far (catalog/apply-page.ts): the server compacted changes this counter never
  -- saw, so it pulls the whole feed again; at its end, what the feed no longer names is removed from the copy.
  CREATE TABLE pulled_afresh (entity TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (entity, id)) WITHOUT ROWID;
  `,
  `
  -- Promotions and coupons as the server's change feed last described them (pos/promotions.ts prices every sale
  -- with them, offline too): the rule as pulled, JSON, read by the shared pricing function. A coupon is found by its
  -- code in upper case (codes match without regard to case).
  CREATE TABLE promotions (id TEXT PRIMARY KEY, rule TEXT NOT NULL);
  CREATE TABLE coupons (id TEXT PRIMARY KEY, code TEXT NOT NULL, rule TEXT NOT NULL);
  CREATE INDEX coupons_by_code ON coupons (code);
  -- What a promotion took off, by name, as the sale was priced: a line's own, and the sale's (JSON
  -- [{ name, cents }]); the coupon code the customer gave.
  ALTER TABLE sale_lines ADD COLUMN discount_name TEXT;
  ALTER TABLE sales ADD COLUMN discounts TEXT;
  ALTER TABLE sales ADD COLUMN coupon_code TEXT;
  `,
];
