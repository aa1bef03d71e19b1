import { cambodianPhonePrefixes, createShopClient, settingKeys } from '@shop/shared';
import { khmerFontOnce } from '@shop/server/invoice-typesetter';
import { notificationBell, type BellState } from './back-office/notifications';
import { backOfficeSession } from './back-office/session';
import { pageApplier } from './catalog/apply-page';
import { productById, productLookup } from './catalog/lookup';
import type { CustomerHit, PosHandlers, SaleView } from './commands';
import { defaultPosConfig, type PosConfig } from './config';
import { PosError } from './errors';
import { openLocalDb, type LocalDb } from './local-db/open';
import { readDeviceToken, readState, saveDeviceToken, writeState } from './local-db/state';
import * as carts from './pos/cart';
import { counterPolicyReader, discountLimitOf } from './pos/counter-policy';
import { newCustomers } from './pos/new-customers';
import { heldCarts } from './pos/held-carts';
import { onlineKhqr } from './pos/online-khqr';
import { promotionPricer } from './pos/promotions';
import { dueIn, removeLastPayment, takePayment } from './pos/payments';
import { receipts } from './pos/receipts';
import { recentSalesReader } from './pos/recent-sales';
import { returnableSales } from './pos/returnable';
import { returnTaker } from './pos/returns';
import { saleCommitter } from './pos/sale';
import { shiftKeeper } from './pos/shifts';
import { staticKhqrReader } from './pos/static-khqr';
import { receiptDesk } from './receipts/desk';
import { shiftDesk } from './receipts/shift-desk';
import { receiptSnapshotter } from './receipts/snapshot';
import { serverSignIn } from './staff/online-sign-in';
import { staffSignIn, type StaffMember } from './staff/sign-in';
import { listenForNudges } from './sync/events';
import { outboxOf } from './sync/outbox';
import { puller } from './sync/puller';
import { pushLock } from './sync/push-lock';
import { pusher } from './sync/pusher';
import { newLinkState, type SyncStatus } from './sync/status';
import { httpTransport, type SyncTransport } from './sync/transport';
import { refuse } from './refusals';
import { addBuildToCart, buildIdOf, fetchSavedBuild } from './pos/pc-builds';

export interface PosCoreOptions {
  /** The counter's folder: its database and device token. */
  dataDir: string;
  config?: Partial<PosConfig>;
  now?: () => number;
  fetch?: typeof fetch;
  appVersion?: string;
  /** Another way to reach the server than HTTP (tests). */
  transport?: SyncTransport;
}

/**
 * The counter's core, plain Node: the local database, the sale on screen, the signed-in cashier and the sync with the
 * server, behind one command map (commands.ts). One instance per process; everything it holds is in this closure.
 */
export function createPosCore(options: PosCoreOptions) {
  const config: PosConfig = { ...defaultPosConfig, ...options.config };
  const now = options.now ?? Date.now;
  const db: LocalDb = openLocalDb(options.dataDir);
  const outbox = outboxOf(db);
  const lookup = productLookup(db);
  const applyPage = pageApplier(db);
  const commitSale = saleCommitter(db, outbox);
  const takeReturn = returnTaker(db, outbox);
  const shifts = shiftKeeper(db, outbox);
  const held = heldCarts(db);
  const promotions = promotionPricer(db);
  const receipt = receipts(db);
  const staff = staffSignIn(db, config);
  const link = newLinkState();
  const lock = pushLock(db);
  const snapshot = receiptSnapshotter(db);
  const staticKhqr = staticKhqrReader(db);
  const recentSales = recentSalesReader(db);
  const counterPolicy = counterPolicyReader(db, config.discountLimitPercent);
  // Khmer OS (300 KB) is read once, at the first PDF, and kept for every receipt and report after it.
  const khmerFont = khmerFontOnce();
  const desk = receiptDesk({
    db,
    snapshot,
    khmerFont,
    now,
    language: config.receiptLanguage,
  });

  const returnable = returnableSales(db);
  const shiftPapers = shiftDesk({ db, shifts, khmerFont, language: config.receiptLanguage });

  let cart = carts.emptyCart();
  let cashier: StaffMember | null = null;

  let token = readDeviceToken(options.dataDir);
  // Built once per server address (pairing again with another server makes a new one).
  let http: { serverUrl: string; transport: SyncTransport } | null = null;
  const transport = (): SyncTransport | null => {
    if (options.transport) return options.transport;
    const serverUrl = readState(db, 'serverUrl');
    if (!serverUrl || !token) return null;
    if (http?.serverUrl !== serverUrl)
      http = {
        serverUrl,
        transport: httpTransport({
          serverUrl,
          token: () => token,
          timeoutMs: config.requestTimeoutMs,
          ...(options.fetch && { fetch: options.fetch }),
        }),
      };
    return http.transport;
  };
  const pull = puller({ db, applyPage, transport, link });
  const khqr = onlineKhqr({ transport, now });
  const onlineSignIn = serverSignIn({
    server: () => {
      const serverUrl = readState(db, 'serverUrl');
      return serverUrl && token ? { serverUrl, token } : null;
    },
    now,
    timeoutMs: config.requestTimeoutMs,
    ...(options.fetch && { fetch: options.fetch }),
  });
  const staffEmail = db.prepare('SELECT email FROM staff WHERE id = ? AND active = 1').pluck();
  const backOffice = backOfficeSession({
    signIn: onlineSignIn,
    serverUrl: () => readState(db, 'serverUrl') ?? null,
    emailOf: (staffId) => (staffEmail.get(staffId) as string | undefined) ?? null,
    now,
    idleMs: config.backOfficeIdleMs,
    timeoutMs: config.requestTimeoutMs,
    ...(options.fetch && { fetch: options.fetch }),
  });
  const push = pusher({
    db,
    outbox,
    lock,
    transport,
    link,
    now,
    ...(options.appVersion && { appVersion: options.appVersion }),
    onApplied: () => void pull.pullNow().catch(() => {}),
  });
  // Made by startSync: until then nothing is pushed on its own (tests and the host decide when sync begins).
  let pushLoop: ReturnType<typeof push.loop> | null = null;
  let nudges: { stop(): void } | null = null;
  let bell: ReturnType<typeof notificationBell> | null = null;
  const eventListeners = new Set<(name: string, data: unknown) => void>();
  const closedBell: BellState = { open: false, live: false, unread: 0, items: [] };

  const settingValue = db.prepare('SELECT value FROM settings WHERE key = ?').pluck();
  const rielPerUsd = (): number => {
    const row = settingValue.get(settingKeys.pricing) as string | undefined;
    const rate = row ? (JSON.parse(row) as { rielPerUsd?: unknown }).rielPerUsd : undefined;
    return typeof rate === 'number' && Number.isInteger(rate) && rate > 0 ? rate : config.fallbackRielPerUsd;
  };

  const stillActive = db.prepare('SELECT active FROM staff WHERE id = ?').pluck();
  /** The cashier, who is signed out as soon as a pull says they left or were disabled. */
  const signedIn = (): StaffMember => {
    if (cashier && stillActive.get(cashier.id) !== 1) cashier = null;
    if (!cashier) throw refuse('forbidden', 'signInFirst');
    return cashier;
  };

  const cashierOrNull = (): StaffMember | null => {
    try {
      return signedIn();
    } catch {
      return null;
    }
  };

  /** What a command answers after queueing something for the server: the push starts now, not at its next timer. */
  const queued = <T>(answer: T): T => {
    void pushLoop?.nudge();
    return answer;
  };

  /** A cashier takes the counter: a back office someone else held closes. */
  const becomes = (member: StaffMember): StaffMember => {
    cashier = member;
    backOffice.current(member);
    return member;
  };

  const view = (): SaleView => {
    const totals = carts.cartTotals(cart);
    const rate = rielPerUsd();
    return {
      cart,
      totals,
      rielPerUsd: rate,
      dueKhr: totals.dueCents > 0 ? dueIn('KHR', totals.dueCents, rate) : 0,
      missing: carts.whatIsMissing(cart),
    };
  };

  const change = (next: carts.Cart): SaleView => {
    signedIn();
    // Every change is priced again with the shop's promotions as this counter holds them (offline too).
    cart = promotions.reprice(next, now(), rielPerUsd());
    return view();
  };

  const product = productById(db);
  // A pulled phone is as the server keeps it: E.164 now ("+85512345678"), spaced national forms from before.
  const customers = db.prepare(
    `SELECT id, name, phone FROM customers
     WHERE replace(replace(phone, ' ', ''), '-', '') LIKE ? || '%' OR replace(replace(phone, ' ', ''), '-', '') LIKE ? || '%'
        OR name LIKE '%' || ? || '%'
     ORDER BY name LIMIT 20`,
  );
  const added = newCustomers(db);
  const customerExists = db.prepare('SELECT 1 FROM customers WHERE id = ?').pluck();
  /** What this sale may take off: the cashier's limit, or an admin's once an admin's PIN approved it. */
  const limit = () => discountLimitOf(counterPolicy(), cart.discountApprovedBy ? 'admin' : signedIn().role);

  function status(): SyncStatus {
    const lastSyncAt = Math.max(readState(db, 'lastSyncAt') ?? 0, readState(db, 'lastPushAt') ?? 0);
    return {
      paired: transport() !== null,
      deviceId: readState(db, 'deviceId') ?? null,
      deviceName: readState(db, 'deviceName') ?? null,
      serverUrl: readState(db, 'serverUrl') ?? null,
      online: link.online,
      lastSyncAt: lastSyncAt || null,
      pending: outbox.pendingCount(),
      failed: outbox.failedItems(),
      lastError: link.lastError,
      retryAt: link.retryAt,
    };
  }

  const commands: PosHandlers = {
    async pair({ serverUrl, pairingCode }) {
      const url = serverUrl.trim().replace(/\/+$/, '');
      const client = createShopClient({ baseUrl: url, ...(options.fetch && { fetch: options.fetch }) });
      const paired = await client.pairDevice({
        body: { pairingCode, ...(options.appVersion && { appVersion: options.appVersion }) },
      });
      saveDeviceToken(options.dataDir, paired.token);
      token = paired.token;
      db.transaction(() => {
        writeState(db, 'serverUrl', url);
        writeState(db, 'deviceId', paired.device.id);
        writeState(db, 'deviceName', paired.device.name);
      })();
      return { deviceId: paired.device.id, deviceName: paired.device.name };
    },
    status: async () => status(),
    async syncNow() {
      const pushed = (await push.pushOnce()).results.length;
      const pulled = await pull.pullNow();
      return { pulled, pushed };
    },

    async signInOnline({ email, password }) {
      const answer = await onlineSignIn.start(email, password);
      if ('challengeId' in answer) return { codeRequired: true as const, challengeId: answer.challengeId };
      return { signedIn: becomes(staff.rememberOnlineSignIn(answer.userId, now())) };
    },
    async confirmSignInCode({ challengeId, code }) {
      const { userId } = await onlineSignIn.confirm(challengeId, code);
      return becomes(staff.rememberOnlineSignIn(userId, now()));
    },
    signInWithPin: async ({ staffId, pin }) => becomes(await staff.signInWithPin(staffId, pin, now())),
    async signOut() {
      const who = signedIn();
      const unsynced = outbox.unsyncedOf(who.id);
      // Their sales would have nobody signed in to answer for them if the server parks or refuses one.
      if (unsynced > 0) throw refuse('conflict', 'unsyncedSignOut', { count: unsynced });
      cashier = null;
      await backOffice.close();
    },
    signedIn: async () => cashierOrNull(),

    lookup: async ({ query }) => lookup(query),
    // Customers' names and phones, receipts and held sales are for the cashier signed in, not a locked screen.
    findCustomers: async ({ query }) => {
      signedIn();
      const text = query.trim();
      const phone = cambodianPhonePrefixes(text);
      const found = customers.all(
        phone?.national ?? text,
        phone?.international ?? text,
        text,
      ) as CustomerHit[];
      return [...found, ...added.find(phone?.national ?? text)].slice(0, 20);
    },

    sale: async () => view(),
    async addLine({ productId, quantity }) {
      const hit = product(productId);
      if (!hit) throw refuse('not_found', 'productUnknown');
      return change(carts.addLine(cart, hit, quantity));
    },
    async addBuild({ link }) {
      signedIn();
      const id = buildIdOf(link);
      if (!id) throw refuse('invalid', 'buildLinkInvalid');
      const build = await fetchSavedBuild({
        serverUrl: readState(db, 'serverUrl'),
        id,
        timeoutMs: config.requestTimeoutMs,
        ...(options.fetch && { fetch: options.fetch }),
      });
      return change(addBuildToCart(cart, build, product));
    },
    setQuantity: async ({ productId, quantity }) => change(carts.setQuantity(cart, productId, quantity)),
    setLineDiscount: async ({ productId, discountCents }) =>
      change(carts.setLineDiscount(cart, productId, discountCents, signedIn().role, limit())),
    setSaleDiscount: async ({ discountCents }) =>
      change(carts.setSaleDiscount(cart, discountCents, signedIn().role, limit())),
    setSerials: async ({ productId, serials }) => change(carts.setSerials(cart, productId, serials)),
    async chooseCustomer({ customerId }) {
      if (customerId !== null && !customerExists.get(customerId))
        throw refuse('not_found', 'customerUnknown');
      return change(carts.chooseCustomer(cart, customerId));
    },
    setCoupon: async ({ code }) => change(carts.setCoupon(cart, code)),
    pay: async (input) => change(takePayment(cart, input, rielPerUsd())),
    removeLastPayment: async () => change(removeLastPayment(cart)),
    async startKhqr({ currency }) {
      signedIn();
      const started = await khqr.start(cart, currency, rielPerUsd(), () => cart);
      return { ...started.shown, sale: change(started.cart) };
    },
    async khqrStatus() {
      signedIn();
      const checked = await khqr.check(cart, () => cart);
      return { ...checked.check, sale: change(checked.cart) };
    },
    cancelKhqr: async () => change(khqr.cancel(cart)),
    clearSale: async () => change(carts.emptyCart()),
    async holdSale(input) {
      const heldId = held.hold(cart, signedIn().id, now(), input ? input.note : undefined);
      cart = carts.emptyCart();
      return { heldId, sale: view() };
    },
    heldSales: async () => {
      signedIn();
      return held.list();
    },
    async recallSale({ heldId }) {
      signedIn();
      if (cart.lines.length > 0) throw new PosError('conflict', 'hold or finish the sale on screen first');
      return change(held.recall(heldId).cart);
    },
    async commitSale() {
      const who = signedIn();
      // The discount limit is checked again at the end: the role may differ from who gave it (a held sale).
      carts.assertDiscountWithinLimit(cart, cart.discountApprovedBy ? 'admin' : who.role, limit());
      const sale = commitSale({
        cart,
        staffId: who.id,
        shiftId: shifts.current()?.id ?? null,
        rielPerUsd: rielPerUsd(),
        receiptPrefix: (readState(db, 'deviceId') ?? 'POS').slice(-4).toUpperCase(),
        receiptSnapshot: snapshot({ staffId: who.id, customerId: cart.customerId }),
        now: now(),
      });
      cart = carts.emptyCart();
      void pushLoop?.nudge();
      return sale;
    },

    receipt: async ({ receiptNumber }) => {
      signedIn();
      return receipt(receiptNumber.trim());
    },
    receiptDocument: async (input) => {
      signedIn();
      return desk.receiptDocument(input);
    },
    issueVatInvoice: async (input) => desk.issueVatInvoice(input, signedIn().id),
    vatInvoiceDocument: async (input) => {
      signedIn();
      return desk.vatInvoiceDocument(input);
    },
    printReceipt: async (input) => {
      signedIn();
      return desk.printReceipt(input);
    },
    counterPolicy: async () => counterPolicy(),
    printerSettings: async () => {
      signedIn();
      return desk.printerSettings();
    },
    setPrinter: async (input) => {
      signedIn();
      return desk.setPrinter(input);
    },

    async returnItems(input) {
      const who = signedIn();
      const result = takeReturn({
        ...input,
        staffId: who.id,
        shiftId: shifts.current()?.id ?? null,
        now: now(),
      });
      void pushLoop?.nudge();
      return result;
    },

    currentShift: async () => shifts.current(),
    // Shift records go to the server as soon as they are made, like sales: the bar's count moves at once.
    openShift: async (input) => queued(shifts.open({ ...input, staffId: signedIn().id, now: now() })),
    moveCash: async (input) =>
      queued({ id: shifts.moveCash({ ...input, staffId: signedIn().id, now: now() }) }),
    xReport: async () => {
      signedIn();
      return shifts.xReport();
    },
    closeShift: async (input) => queued(shifts.close({ ...input, staffId: signedIn().id, now: now() })),

    counterStaff: async () => staff.knownStaff(),
    async scanCode({ code }) {
      const text = code.trim();
      // Only the product whose barcode or SKU this is: a scan never adds a name match.
      const hit = lookup(text).find((p) => p.barcode === text || p.sku.toLowerCase() === text.toLowerCase());
      if (!hit) throw refuse('not_found', 'noProductWithCode', { code: text });
      return { product: hit, sale: change(carts.addLine(cart, hit)) };
    },
    staticKhqr: async (input) => {
      signedIn();
      return staticKhqr(input);
    },
    recentSales: async (input) => {
      signedIn();
      return recentSales(input);
    },
    addCustomer: async ({ name, phone }) =>
      added.add({ name: String(name ?? ''), phone: String(phone ?? ''), staffId: signedIn().id, now: now() }),
    async approveDiscount({ staffId, pin }) {
      signedIn();
      const approver = await staff.approverByPin(staffId, pin, now());
      return change({ ...cart, discountApprovedBy: approver.id });
    },

    returnableSale: async ({ receiptNumber }) => {
      signedIn();
      if (typeof receiptNumber !== 'string') throw new PosError('invalid', 'enter the receipt number');
      return returnable(receiptNumber);
    },
    shiftReport: async ({ shiftId }) => {
      signedIn();
      return shifts.closedReport(shiftId);
    },
    shiftReportDocument: async (input) => {
      signedIn();
      return shiftPapers.shiftReportDocument(input);
    },
    printShiftReport: async (input) => {
      signedIn();
      return shiftPapers.printShiftReport(input);
    },

    openBackOffice: async ({ password }) => backOffice.open(signedIn(), password),
    confirmBackOfficeCode: async ({ challengeId, code }) =>
      backOffice.confirm(signedIn(), String(challengeId), String(code)),
    backOffice: async () => backOffice.current(cashierOrNull()),
    closeBackOffice: () => backOffice.close(),
    serverRequest: async (request) => backOffice.request(cashierOrNull(), request),
    notifications: async () => bell?.state() ?? closedBell,
    markNotificationRead: async ({ id }) => (bell ? bell.markRead(String(id)) : closedBell),
    markAllNotificationsRead: async () => (bell ? bell.markRead(null) : closedBell),
  };

  return {
    commands,
    db,
    /** Starts pulling (now, every minute, on the server's nudge) and pushing (now, after each sale, on a timer). */
    startSync() {
      if (!pushLoop) {
        pushLoop = push.loop();
        pull.start();
        void pushLoop.run();
      }
      // Called again after pairing: the server's nudges can only be heard once the counter knows its server.
      const serverUrl = readState(db, 'serverUrl');
      if (serverUrl && !options.transport && !nudges)
        nudges = listenForNudges({
          serverUrl,
          token: () => token,
          onNudge: () => void pull.pullNow().catch(() => {}),
          ...(options.fetch && { fetch: options.fetch }),
        });
      if (serverUrl && !options.transport && !bell)
        bell = notificationBell({
          serverUrl: () => readState(db, 'serverUrl') ?? null,
          sessionToken: () => backOffice.sessionToken(),
          onChange: (state) => {
            for (const listener of eventListeners) listener('notifications', state);
          },
          timeoutMs: config.requestTimeoutMs,
          ...(options.fetch && { fetch: options.fetch }),
        });
    },
    /** Tells `listener` of the core's own events (`notifications`); answers a function that stops telling. */
    onEvent(listener: (name: string, data: unknown) => void): () => void {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    pullNow: () => pull.pullNow(),
    pushNow: () => push.pushOnce(),
    close() {
      void backOffice.close();
      nudges?.stop();
      bell?.stop();
      pull.stop();
      pushLoop?.stop();
      db.close();
    },
  };
}

export type PosCore = ReturnType<typeof createPosCore>;
