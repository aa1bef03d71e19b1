import type { Generated } from 'kysely';

/**
 * The Kysely table types, one interface for both dialects. Times are UTC epoch milliseconds, money is integer
 * minor units, booleans are 0/1 integers (better-sqlite3 binds neither Date nor boolean). Every id is made by the
 * application (ULID), so no query depends on RETURNING; the one insertId read (order numbers, which MySQL and SQLite
 * report differently) goes through `insertAndTakeFirstKey` in dialect.ts.
 */
export interface Database {
  categories: CategoryTable;
  brands: BrandTable;
  products: ProductTable;
  product_attributes: ProductAttributeTable;
  search_terms: SearchTermTable;
  stock_levels: StockLevelTable;
  stock_movements: StockMovementTable;
  serial_numbers: SerialNumberTable;
  change_log: ChangeLogTable;
  counters: CounterTable;
  order_numbers: OrderNumberTable;
  users: UserTable;
  sessions: SessionTable;
  audit_log: AuditLogTable;
  otp_challenges: OtpChallengeTable;
  sign_in_checks: SignInCheckTable;
  trusted_devices: TrustedDeviceTable;
  password_resets: PasswordResetTable;
  addresses: AddressTable;
  email_outbox: EmailOutboxTable;
  rate_limits: RateLimitTable;
  settings: SettingTable;
  carts: CartTable;
  cart_items: CartItemTable;
  orders: OrderTable;
  order_items: OrderItemTable;
  order_events: OrderEventTable;
  idempotency_keys: IdempotencyKeyTable;
  payments: PaymentTable;
  payment_proofs: PaymentProofTable;
  order_line_cancellations: OrderLineCancellationTable;
  support_inquiries: SupportInquiryTable;
  support_messages: SupportMessageTable;
  warranty_claims: WarrantyClaimTable;
  warranty_claim_events: WarrantyClaimEventTable;
  warranty_claim_photos: WarrantyClaimPhotoTable;
  hold_counters: HoldCounterTable;
  order_holds: OrderHoldTable;
  refunds_owed: RefundOwedTable;
  devices: DeviceTable;
  sync_items: SyncItemTable;
  pos_shifts: PosShiftTable;
  pos_cash_movements: PosCashMovementTable;
  stock_shortfalls: StockShortfallTable;
  counter_returns: CounterReturnTable;
  counter_return_lines: CounterReturnLineTable;
  counter_refunds: CounterRefundTable;
  staff_invitations: StaffInvitationTable;
  order_access_tokens: OrderAccessTokenTable;
  stock_alerts: StockAlertTable;
  wishlist_items: WishlistItemTable;
  saved_builds: SavedBuildTable;
  sales_rollups: SalesRollupTable;
  sales_rollups_monthly: SalesRollupMonthTable;
  sales_rollup_days: SalesRollupDayTable;
  sales_rollup_stale: SalesRollupStaleTable;
  server_processes: ServerProcessTable;
  notifications: NotificationTable;
  notification_preferences: NotificationPreferenceTable;
  promotions: PromotionTable;
  coupons: CouponTable;
  coupon_customer_uses: CouponCustomerUseTable;
  coupon_uses: CouponUseTable;
  order_discounts: OrderDiscountTable;
  pre_orders: PreOrderTable;
}

/** What an order that is a pre-order adds to it (043): its place in the line, its deposit, its serving. */
export interface PreOrderTable {
  order_id: string;
  product_id: string;
  quantity: number;
  deposit_percent: number;
  /** Minor units of the order's currency (cents or riel), as is deposit_paid_minor. */
  deposit_minor: number;
  deposit_paid_minor: number;
  expected_on: string | null;
  /** When a receipt reserved its units, and until when they wait for the rest of the money. */
  served_at: number | null;
  reserve_until: number | null;
  /** refund_owed | kept: what the shop's rule did with the deposit of a cancelled or lapsed pre-order. */
  deposit_outcome: string | null;
  created_at: number;
}

/** A promotion rule (041-promotions): which columns a kind uses is promotions/repo.ts's business. */
export interface PromotionTable {
  id: string;
  kind: string;
  name: string;
  target_id: string | null;
  percent: number | null;
  amount_cents: number | null;
  sale_price_cents: number | null;
  min_total_cents: number | null;
  product_ids_json: string;
  free_quantity: number | null;
  /** Shop days YYYY-MM-DD, both included; null: open-ended. */
  starts_on: string | null;
  ends_on: string | null;
  paused: number;
  created_at: number;
  updated_at: number;
}

/** A coupon; `code` upper case (unique), `uses` raised only by a conditional update (041-promotions). */
export interface CouponTable {
  id: string;
  code: string;
  name: string;
  percent: number | null;
  amount_cents: number | null;
  min_total_cents: number | null;
  max_uses: number | null;
  max_uses_per_customer: number | null;
  /** "web", "pos" or "web,pos". */
  channels: string;
  starts_on: string | null;
  ends_on: string | null;
  paused: number;
  uses: number;
  created_at: number;
  updated_at: number;
}

export interface CouponCustomerUseTable {
  /** `${coupon_id}:${user_id}`. */
  id: string;
  coupon_id: string;
  user_id: string;
  uses: number;
}

/** One order that used a coupon (given back when the order ends unpaid). */
export interface CouponUseTable {
  coupon_id: string;
  order_id: string;
  user_id: string | null;
  discount_cents: number;
  created_at: number;
}

/** A discount of an order by name, as its invoice and receipt show it (041-promotions). */
export interface OrderDiscountTable {
  id: string;
  order_id: string;
  position: number;
  source: string;
  ref_id: string;
  name: string;
  kind: string;
  level: string;
  amount_cents: number;
}

export interface CategoryTable {
  id: string;
  slug: string;
  name: string;
  name_km: string;
  parent_id: string | null;
  spec_kind: string;
  position: number;
  created_at: number;
  updated_at: number;
}

export interface BrandTable {
  id: string;
  slug: string;
  name: string;
  created_at: number;
  updated_at: number;
}

export interface ProductTable {
  id: string;
  sku: string;
  barcode: string | null;
  slug: string;
  name: string;
  /** Lower-cased name without accents: sorts the same on both dialects. */
  name_sort: string;
  description: string;
  /** The description in Khmer; null until written (Khmer pages show the English). */
  description_km?: string | null;
  category_id: string;
  brand_id: string;
  price_cents: number;
  compare_at_cents: number | null;
  warranty_months: number;
  specs_json: string;
  images_json: string;
  serialized: number;
  active: number;
  low_stock_threshold: number;
  /** What a unit cost the shop (USD cents), admins only; null until known. */
  cost_cents?: number | null;
  /** Reorder at or below this many available; null: at low_stock_threshold. */
  reorder_level?: number | null;
  /** 1: pre-orders taken while out of stock (043), with the day the stock is expected and the deposit percent. */
  preorder_allowed?: number;
  preorder_expected_on?: string | null;
  preorder_deposit_percent?: number;
  created_at: number;
  updated_at: number;
}

/** One row per product and spec: what filters and facet counts read. */
export interface ProductAttributeTable {
  product_id: string;
  attr_key: string;
  value: string;
}

/** Our own search index: every normalized term of a product with the weight of the field it came from. */
export interface SearchTermTable {
  term: string;
  product_id: string;
  weight: number;
}

export interface StockLevelTable {
  product_id: string;
  on_hand: number;
  reserved: number;
  updated_at: number;
  /** Units sold so far (the ledger's sales): what "Popular" sorts by (migration 027). */
  units_sold: Generated<number>;
  /** What customers were last shown: 0 out of stock, 1 low, 2 in stock, -1 unknown (migration 032). */
  shelf_state: Generated<number>;
  /** Units sold as "Popular" ranks them: units_sold as of the last best-sellers refresh (migration 032). */
  sold_ranked: Generated<number>;
}

export interface StockMovementTable {
  id: string;
  product_id: string;
  type: string;
  on_hand_delta: number;
  reserved_delta: number;
  on_hand_after: number;
  reserved_after: number;
  reason: string | null;
  reference: string | null;
  /** Receipts: who delivered the goods (migration 023). */
  supplier?: string | null;
  /** Receipts: what one unit cost the shop, USD cents; admins only (migration 023). */
  unit_cost_cents?: number | null;
  actor_id: string | null;
  created_at: number;
}

export interface SerialNumberTable {
  id: string;
  product_id: string;
  serial: string;
  status: string;
  reference: string | null;
  sold_at: number | null;
  warranty_until: number | null;
  created_at: number;
  updated_at: number;
}

export interface ChangeLogTable {
  seq: number;
  entity: string;
  entity_id: string;
  operation: string;
  created_at: number;
}

export interface CounterTable {
  name: string;
  value: number;
}

/** One row per order number given (migration 034): the key is an AUTO_INCREMENT, so taking one locks nothing. */
export interface OrderNumberTable {
  number: Generated<number>;
}

export interface UserTable {
  id: string;
  email: string;
  name: string;
  role: string;
  status: string;
  password_hash: string;
  phone: string | null;
  locale: string;
  /** Customers may turn on a mailed code as a second factor; staff and admins always have it. */
  otp_login: number;
  email_verified_at: number | null;
  failed_logins: number;
  locked_until: number | null;
  created_at: number;
  updated_at: number;
  /** Moved on by a completed password reset: the sign-in throttle's counters of the account start afresh. */
  sign_in_epoch?: number;
  /** A slow salted hash of the counter PIN (pin-verifier.ts), synced to counters; null until set. */
  pin_verifier?: string | null;
  pin_set_at?: number | null;
}

export interface SessionTable {
  id: string;
  token_hash: string;
  user_id: string;
  created_at: number;
  expires_at: number;
  last_seen_at: number;
  ip: string | null;
  user_agent: string | null;
}

export interface AuditLogTable {
  id: string;
  actor_id: string | null;
  ip: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
  created_at: number;
}

export interface OtpChallengeTable {
  id: string;
  user_id: string;
  purpose: string;
  code_hash: string;
  attempts: number;
  expires_at: number;
  consumed_at: number | null;
  created_at: number;
  /** A sign-up attempt's choices (verify_email codes only), applied when this code is entered. */
  password_hash: string | null;
  name: string | null;
  locale: string | null;
  /** SHA-256 of the attempt token of the browser that made the sign-up attempt (verify_email codes only). */
  attempt_hash: string | null;
}

/** The code mailed before a password is checked while sign-ins from unknown devices are under attack. */
export interface SignInCheckTable {
  /** SHA-256 of the address signed in with: one check at a time per address, known or not. */
  account_key: string;
  id: string;
  user_id: string | null;
  code_hash: string;
  attempts: number;
  expires_at: number;
  consumed_at: number | null;
  created_at: number;
}

/** A browser that signed in to an account before (its device cookie, hashed). */
export interface TrustedDeviceTable {
  token_hash: string;
  user_id: string;
  created_at: number;
  last_used_at: number;
  expires_at: number;
}

export interface PasswordResetTable {
  id: string;
  user_id: string;
  token_hash: string;
  expires_at: number;
  used_at: number | null;
  created_at: number;
}

export interface AddressTable {
  id: string;
  user_id: string;
  label: string;
  recipient: string;
  phone: string;
  house_street: string;
  floor_unit: string | null;
  village: string | null;
  sangkat: string;
  khan: string;
  province: string;
  landmark: string | null;
  delivery_notes: string | null;
  is_default: number;
  created_at: number;
  updated_at: number;
}

/** Mail is written here in the transaction of the event that causes it, then sent by the outbox worker. */
export interface EmailOutboxTable {
  id: string;
  to_address: string;
  template: string;
  subject: string;
  html: string;
  text: string;
  /** pending → sent, or failed after the last retry. */
  status: string;
  attempts: number;
  next_attempt_at: number;
  claimed_by: string | null;
  claimed_until: number | null;
  last_error: string | null;
  created_at: number;
  sent_at: number | null;
}

/** Fixed-window counters shared by every server process (the database is the shared state). */
export interface RateLimitTable {
  bucket: string;
  window_start: number;
  hits: number;
}

export interface SettingTable {
  key: string;
  value_json: string;
  updated_at: number;
}

export interface CartTable {
  id: string;
  user_id: string | null;
  /** Guests are known by a random token in a cookie; only its hash is stored. */
  guest_token_hash: string | null;
  created_at: number;
  updated_at: number;
}

export interface CartItemTable {
  id: string;
  cart_id: string;
  product_id: string;
  quantity: number;
  added_at: number;
}

export interface OrderTable {
  id: string;
  number: string;
  channel: string;
  status: string;
  user_id: string | null;
  customer_name: string;
  customer_email: string | null;
  customer_phone: string | null;
  fulfilment: string;
  delivery_address_json: string | null;
  note: string | null;
  currency: string;
  subtotal_cents: number;
  delivery_fee_cents: number;
  /** The days a delivery was promised in, fewest and most after payment (031); null: pick-up, counter, older. */
  delivery_days_min?: number | null;
  delivery_days_max?: number | null;
  total_cents: number;
  riel_per_usd: number;
  total_khr: number;
  locale: string;
  /** When an unpaid order expires and gives its stock back (null once paid or closed). */
  payment_due_at: number | null;
  paid_at: number | null;
  /** Owed back to the customer for lines cancelled after payment (USD cents); 0 until a paid line is cancelled. */
  refund_owed_cents: number;
  /** Order-level discount (USD cents), after line discounts: counter sales. */
  discount_cents?: number;
  /** The coupon the order used (041). */
  coupon_code?: string | null;
  /** A counter sale charged less than the server's prices at its time: what the server expected (041). */
  price_flag_cents?: number | null;
  /** Counter sales: the device, the staff member, the shift and the printed receipt number. */
  device_id?: string | null;
  staff_id?: string | null;
  shift_id?: string | null;
  receipt_number?: string | null;
  created_at: number;
  updated_at: number;
}

/** An address waiting to hear that a product is in stock again; mailed once (028-stock-alerts). */
export interface StockAlertTable {
  id: string;
  product_id: string;
  email: string;
  /** Product and address while the alert waits; null once mailed. */
  open_key: string | null;
  locale: string;
  product_url: string;
  created_at: number;
  mailed_at: number | null;
}

/** A product a customer keeps for later; one row per account and product (030-wishlists). */
export interface WishlistItemTable {
  user_id: string;
  product_id: string;
  added_at: number;
}

/** A PC build saved from the builder; its id is its share link (044-saved-builds). */
export interface SavedBuildTable {
  id: string;
  name: string | null;
  /** The picks as JSON: [{ slot, productId, quantity }]. */
  picks_json: string;
  owner_id: string | null;
  created_at: number;
  updated_at: number;
}

/** A key to a guest's order page: one per link handed out, only its SHA-256 kept (027-guest-orders). */
export interface OrderAccessTokenTable {
  token_hash: string;
  order_id: string;
  created_at: number;
}

/** A line of an order with the price and name as they were when it was placed. */
export interface OrderItemTable {
  id: string;
  order_id: string;
  product_id: string;
  sku: string;
  name: string;
  quantity: number;
  unit_price_cents: number;
  line_total_cents: number;
  warranty_months: number;
  cancelled_quantity: number;
  cancel_reason: string | null;
  /** Discount on the whole line (USD cents): line_total_cents is after it. */
  discount_cents?: number;
  /** Units brought back to a counter (counter_return_lines). */
  returned_quantity?: number;
  /** The catalog price when a promotion lowered unit_price_cents (041); null otherwise. */
  original_unit_cents?: number | null;
  /** The promotion that lowered it, by name as it was (041). */
  promotion_name?: string | null;
}

/** One cancellation of units of an order line, with the value of those units at the order's prices. */
export interface OrderLineCancellationTable {
  id: string;
  order_id: string;
  order_item_id: string;
  quantity: number;
  /** out_of_stock | customer_request | damaged | pricing_error | other */
  reason: string;
  note: string | null;
  value_cents: number;
  /** The order's status when the line was cancelled: before payment it lowered the total, after it a refund is owed. */
  order_status: string;
  actor_id: string | null;
  created_at: number;
}

export interface OrderEventTable {
  id: string;
  order_id: string;
  from_status: string | null;
  to_status: string;
  actor: string;
  actor_id: string | null;
  reason: string | null;
  created_at: number;
}

export interface IdempotencyKeyTable {
  key_hash: string;
  request_hash: string;
  order_id: string;
  created_at: number;
}

/**
 * Money for an order: a KHQR (`method` khqr), cash taken at the counter (cash) or an accepted screenshot (proof).
 * A KHQR has its QR, md5 and timings and is watched until `watch_until` (expiry plus grace), claimed by one poller at
 * a time; the other methods have none of those. Cash keeps what was tendered and the change given.
 */
export interface PaymentTable {
  id: string;
  /** Null only for a counter's online KHQR not yet tied to its pushed sale (`device_id` says whose it is). */
  order_id: string | null;
  /** khqr | cash | proof */
  method: string;
  currency: string;
  /** What the payment counts for the order (for cash: what was kept, not what was tendered). */
  amount_minor: number;
  qr: string | null;
  md5: string | null;
  /** pending → paid | expired | superseded (a newer QR replaced it, still watched) | mismatch (staff review). */
  status: string;
  expires_at: number | null;
  watch_until: number | null;
  next_check_at: number | null;
  check_failures: number;
  /** Cash: the notes handed over (in the payment's currency) and the change given back (in `change_currency`). */
  tendered_minor: number | null;
  change_minor: number | null;
  /** Cash: the currency of the change when it differs from the payment's (a dollar note changed in riel). */
  change_currency?: string | null;
  /** A counter's online KHQR: the device that asked for it, the only one that may read it or use it for a sale. */
  device_id?: string | null;
  /** Cash: the staff member who took it. */
  received_by: string | null;
  claimed_by: string | null;
  claimed_until: number | null;
  bakong_hash: string | null;
  /** 1: a KHQR staff confirmed against the shop's static QR while offline, to match with the bank statement. */
  needs_reconciliation?: number;
  /** Staff settled a flagged (or wrongly paid counter) payment: when, who, matched or refunded, and how (020). */
  reconciled_at?: number | null;
  reconciled_by?: string | null;
  reconciliation_outcome?: string | null;
  reconciliation_note?: string | null;
  /** A KHQR paid but not as asked: what Bakong reported (amount in minor units of its currency, receiving account). */
  reported_amount_minor?: number | null;
  reported_currency?: string | null;
  reported_account?: string | null;
  paid_at: number | null;
  created_at: number;
  updated_at: number;
}

/** A payment screenshot a customer sent for an order; its file (WebP) is `storage_key` in the private storage. */
export interface PaymentProofTable {
  id: string;
  order_id: string;
  /** The customer who sent it; null: the holder of a guest order's link (033). */
  uploaded_by: string | null;
  storage_key: string;
  /** Of the file as uploaded: the same screenshot sent for two orders has the same hash. */
  sha256: string;
  /** pending → accepted (the order became paid) | rejected (with `reason`, mailed to the customer). */
  status: string;
  /** Another order the same screenshot was sent for first: shown to staff as a warning. */
  duplicate_of_order_id: string | null;
  /** Accepted proofs: the bank's transaction id staff read on it, normalized; unique (020). */
  transaction_ref?: string | null;
  reason: string | null;
  reviewed_by: string | null;
  reviewed_at: number | null;
  created_at: number;
}

/** A customer's question and its thread. A guest has no account: `name` and `email` are all we know of them. */
export interface SupportInquiryTable {
  id: string;
  /** Null for a guest. */
  user_id: string | null;
  name: string;
  email: string;
  /** The language of a guest's mails (a customer's follow their account's). */
  locale: string;
  /** One of the customer's own orders, when the question is about one. */
  order_id: string | null;
  subject: string;
  /** open → waiting_on_customer (staff answered) | closed; a customer's message makes it open again. */
  status: string;
  /** customer | guest | staff: who wrote the latest message. */
  last_author_kind: string;
  created_at: number;
  /** Last activity: a message or a change of status. Lists sort by it. */
  updated_at: number;
}

/** A warranty or repair claim for one unit, by its serial number (045-warranty-claims). */
export interface WarrantyClaimTable {
  id: string;
  /** RMA-000123: printed on the slip and its barcode. */
  number: string;
  serial_id: string;
  serial: string;
  product_id: string;
  order_id: string | null;
  user_id: string | null;
  customer_name: string;
  customer_phone: string | null;
  customer_email: string | null;
  locale: string;
  fault: string;
  accessories: string;
  /** 0/1: in warranty the day it was opened. */
  in_warranty: number;
  warranty_until: number | null;
  /** A ClaimStatus. */
  status: string;
  quote_cents: number | null;
  quote_accepted_at: number | null;
  quote_accepted_by: string | null;
  refusal_reason: string | null;
  replacement_serial_id: string | null;
  replacement_serial: string | null;
  /** Out of warranty: the counter order its accepted quote became, paid at pickup (047). */
  repair_order_id?: string | null;
  opened_by: string | null;
  /** When it entered its current state: the queue's age. */
  status_since: number;
  created_at: number;
  updated_at: number;
}

/** Each move of a claim: from, to, who and when (the first has no `from_status`). */
export interface WarrantyClaimEventTable {
  id: string;
  claim_id: string;
  from_status: string | null;
  to_status: string;
  note: string | null;
  actor_id: string | null;
  created_at: number;
}

/** A photo of a unit taken in, re-encoded as WebP (storage key under claims/). */
export interface WarrantyClaimPhotoTable {
  id: string;
  claim_id: string;
  storage_key: string;
  uploaded_by: string | null;
  created_at: number;
}

export interface SupportMessageTable {
  id: string;
  inquiry_id: string;
  /** customer | guest | staff */
  author_kind: string;
  /** The customer's or staff member's account; null for a guest. */
  author_id: string | null;
  body: string;
  created_at: number;
}

/**
 * What one holder holds unpaid: `holder` is `customer:<user id>`, `browser:<hash of the cart cookie>` or
 * `address:<hash of the client address>`; `product_id` '' counts their unpaid orders, a product id the units of it.
 */
export interface HoldCounterTable {
  holder: string;
  product_id: string;
  held: number;
  updated_at: number;
}

/** The hold of one web order's stock: whom it counts against, how long it may last, how its review went. */
export interface OrderHoldTable {
  order_id: string;
  customer_id: string | null;
  /** Of the browser's cart cookie, and of the client's network address: never stored in the clear. */
  browser_hash: string | null;
  address_hash: string | null;
  /** 1 while the order's units count against its holders' limits; 0 once it stopped waiting for money. */
  counted: number;
  /** New QR codes the customer may still ask for. */
  renewals_left: number;
  /** No QR of the order is payable after this (its maximum lifetime from placement). */
  ends_at: number;
  /** When the order went into payment review (null while it is not in review). */
  review_since: number | null;
  review_noticed_at: number | null;
  review_escalated_at: number | null;
  /** The review took too long: the reservation went back on sale; accepting sells from available stock. */
  stock_released_at: number | null;
  created_at: number;
}

/** Money Bakong reported for an order that no longer waited for it (cancelled, expired, already paid). */
export interface RefundOwedTable {
  id: string;
  order_id: string;
  payment_id: string;
  /** As paid: minor units of `currency` (USD cents or riel). */
  amount_minor: number;
  currency: string;
  bakong_hash: string | null;
  md5: string;
  /** The order's status when the money was found. */
  order_status: string;
  found_at: number;
  /** open → refunded */
  status: string;
  refunded_by: string | null;
  refunded_at: number | null;
  note: string | null;
}

/** A counter (desktop POS install). Pairing code and token are kept as SHA-256 only. */
export interface DeviceTable {
  id: string;
  name: string;
  pairing_code_hash: string | null;
  pairing_expires_at: number | null;
  token_hash: string | null;
  created_by: string | null;
  created_at: number;
  paired_at: number | null;
  revoked_at: number | null;
  revoked_by: string | null;
  last_seen_at: number | null;
  last_sync_at: number | null;
  app_version: string | null;
  pending_count?: number;
  /** When the counter last asked for the change feed from 0 (sync/pull.ts, the compaction horizon). */
  pull_started_at?: number | null;
}

/** A pushed counter item, kept with the answer it got: a retry of the same id gets the same answer. */
export interface SyncItemTable {
  id: string;
  device_id: string;
  type: string;
  staff_id: string;
  content_hash: string;
  item_json: string;
  /** applied | parked | discarded */
  status: string;
  result_json: string;
  error: string | null;
  order_id: string | null;
  at: number;
  received_at: number;
  resolved_at: number | null;
  resolved_by: string | null;
  discard_reason: string | null;
  /** The sync contract version the counter sent it in (migration 040): how it is read again on a retry. */
  contract: number;
}

/** A cash drawer's shift at a counter: its float, and the count at the close. */
export interface PosShiftTable {
  id: string;
  device_id: string;
  opened_by: string;
  opened_at: number;
  float_usd_cents: number;
  float_khr: number;
  closed_by: string | null;
  closed_at: number | null;
  counted_usd_cents: number | null;
  counted_khr: number | null;
}

/** Cash put into (pay_in) or taken out of (pay_out) a drawer during a shift, with the reason. */
export interface PosCashMovementTable {
  id: string;
  shift_id: string;
  staff_id: string;
  kind: string;
  currency: string;
  amount_minor: number;
  reason: string;
  at: number;
}

/** Units a counter sold beyond what the server had on hand: the sale stands, staff resolve the difference. */
export interface StockShortfallTable {
  id: string;
  product_id: string;
  order_id: string;
  device_id: string | null;
  quantity: number;
  created_at: number;
  resolved_at: number | null;
  resolved_by: string | null;
  resolution: string | null;
}

/** Goods brought back to a counter against an earlier counter sale (the pushed item's id is the return's id). */
export interface CounterReturnTable {
  id: string;
  order_id: string;
  device_id: string;
  staff_id: string;
  shift_id: string | null;
  reason: string;
  at: number;
}

/** Units of one sale line brought back, with what they were sold for (USD cents, after discounts). */
export interface CounterReturnLineTable {
  id: string;
  return_id: string;
  order_item_id: string;
  product_id: string;
  quantity: number;
  value_cents: number;
}

/** Money given back for a return, from the drawer (cash) or by KHQR, in minor units of its currency. */
export interface CounterRefundTable {
  id: string;
  return_id: string;
  method: string;
  currency: string;
  amount_minor: number;
  at: number;
}

/** A mailed one-time link that makes a staff or admin account (people/invitations.ts). */
export interface StaffInvitationTable {
  id: string;
  email: string;
  /** The address while the invitation is open (unique), null once accepted or revoked. */
  open_email: string | null;
  name: string;
  role: string;
  locale: string;
  token_hash: string;
  invited_by: string | null;
  user_id: string | null;
  expires_at: number;
  accepted_at: number | null;
  revoked_at: number | null;
  created_at: number;
  updated_at: number;
}

/**
 * A shop day's sales in one group of one grouping (`dim`: total, product, category, brand, staff, channel, payment),
 * as the reports define them (docs/reports.md): summed per day, so any range adds up a few rows per day.
 */
export interface SalesRollupTable {
  dim: string;
  /** The shop day, YYYY-MM-DD (Asia/Phnom_Penh). */
  day: string;
  /** The group's id (a product id, `web`, `cash_usd`, …); '' for the day's total. */
  group_key: string;
  orders: number;
  units: number;
  revenue_cents: number;
  discount_cents: number;
  refund_cents: number;
  /** What the units kept cost the shop, for products with a cost price. */
  cost_cents: number;
  /** Net sales of products with a cost price (the rest has no margin to tell). */
  costed_net_cents: number;
}

/** The daily rollups of a month summed (`month`: YYYY-MM), for long ranges. */
export type SalesRollupMonthTable = Omit<SalesRollupTable, 'day'> & { month: string };

/** A day the rollups hold, and when it was summed. */
export interface SalesRollupDayTable {
  day: string;
  built_at: number;
}

/** A change to a day's sales since it was summed: written in the change's own transaction. */
export interface SalesRollupStaleTable {
  id: string;
  day: string;
  created_at: number;
}

/** A server process on this database, refreshed by its heartbeat (modules/reports/server-processes.ts). */
export interface ServerProcessTable {
  id: string;
  hostname: string;
  pid: number;
  version: string;
  started_at: number;
  last_seen_at: number;
}

/** One notification to one person: a kind and its parameters, said in the reader's language (042-notifications). */
export interface NotificationTable {
  id: string;
  user_id: string;
  kind: string;
  params_json: string;
  link: string | null;
  created_at: number;
  read_at: number | null;
}

/** A kind of notification a person also wants by mail (042-notifications); `mail` is 0 or 1. */
export interface NotificationPreferenceTable {
  user_id: string;
  kind: string;
  mail: number;
}
