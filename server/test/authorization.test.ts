import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes, can, roles, type Role, type RouteDef } from '@shop/shared';
import { startSession } from '../src/modules/accounts/sessions';
import { signedInAs, startTestServer, type TestServer } from './support';

/**
 * Every route of the OpenAPI document, called as anonymous, customer, staff and admin, compared with the
 * permission table: a route open to a caller never answers 401/403, a closed one always does. The routes that move
 * money, change people or settings are checked a second time against expectations written out by hand.
 */
let server: TestServer;
const tokens: Record<string, string | null> = { anonymous: null };
const userIds: Record<string, string> = {};
let csrf: Record<string, string>;

type Caller = 'anonymous' | Role;
const callers: readonly Caller[] = ['anonymous', ...roles];

beforeAll(async () => {
  server = await startTestServer();
  for (const role of roles) userIds[role] = (await signedInAs(server.database.db, role)).userId;
  // Callers carry a valid CSRF token, as a page would, so the answers are about authorization alone.
  const { csrfToken } = await server.client.getCsrfToken({});
  csrf = { cookie: `csrf_token=${csrfToken}`, 'x-csrf-token': csrfToken };
});
afterAll(() => server?.stop());

// Fresh sessions per route: the sign-out routes end the ones before.
async function freshSessions() {
  for (const role of roles) tokens[role] = (await startSession(server.database.db, userIds[role]!)).token;
}

/** Calls `method path` (Express-style parameters) as `caller` with an empty body; answers the status. */
async function statusFor(method: string, path: string, caller: Caller): Promise<number> {
  const token = tokens[caller];
  const response = await fetch(`${server.url}/api/v1${path.replace(/:([A-Za-z]+)/g, 'unknown-id')}`, {
    method: method.toUpperCase(),
    headers: {
      'content-type': 'application/json',
      ...csrf,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(method.toLowerCase() === 'get' ? {} : { body: '{}' }),
  });
  await response.body?.cancel();
  return response.status;
}

function expectedStatus(route: RouteDef, caller: string): 'allowed' | 401 | 403 {
  if (route.access.kind === 'public' || route.access.kind === 'optional') return 'allowed';
  if (caller === 'anonymous' || route.access.kind === 'device') return 401;
  if (route.access.kind === 'signed-in') return 'allowed';
  return can(caller as (typeof roles)[number], route.access.permission) ? 'allowed' : 403;
}

describe('authorization matrix', () => {
  it('the OpenAPI document lists exactly the routes of the route table', async () => {
    const doc = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, object>;
    };
    const documented = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m} ${path}`),
    );
    const table = Object.values(apiRoutes).map(
      (r) => `${r.method} ${r.path.replace(/:([A-Za-z]+)/g, '{$1}')}`,
    );
    expect(documented.sort()).toEqual(table.sort());
  });

  for (const [name, route] of Object.entries(apiRoutes) as [string, RouteDef][]) {
    it(`${route.method.toUpperCase()} ${route.path} (${name})`, async () => {
      await freshSessions();
      for (const caller of callers) {
        const status = await statusFor(route.method, route.path, caller);
        const expected = expectedStatus(route, caller);
        if (expected === 'allowed') expect([401, 403], `${caller} ${name}`).not.toContain(status);
        else expect(status, `${caller} ${name}`).toBe(expected);
      }
    });
  }
});

/**
 * Who the shop lets do what, written out by hand from docs/architecture.md and the README (customers buy and pay
 * for their own orders; staff run the counter, take stock in, review payment screenshots, move orders along and
 * settle refunds owed; only admins change the catalog and people's accounts), not read from the route table, so a
 * wrong entry in the table or the permission table fails here. Each row names the least caller the route is open to;
 * roles only grow upwards. Settings (the shop's identity, merchant account, exchange rate, VAT, delivery, hold
 * limits, the Bakong token, the mail server) are an admin's to read and change, and so is the audit log; anyone reads
 * the public shop card.
 */
const whoMayCall: Record<string, readonly [route: string, least: Caller | 'device']> = {
  // Money: a customer's own orders and payments.
  placeOrder: ['POST /orders', 'customer'],
  listOrders: ['GET /orders', 'customer'],
  getOrder: ['GET /orders/:id', 'customer'],
  cancelOrder: ['POST /orders/:id/cancel', 'customer'],
  getOrderPayment: ['GET /orders/:id/payment', 'customer'],
  renewOrderPayment: ['POST /orders/:id/payment/renew', 'customer'],
  placePreOrder: ['POST /pre-orders', 'customer'],
  payPreOrderRest: ['POST /pre-orders/:id/rest-payment', 'customer'],
  getOrderInvoice: ['GET /orders/:id/invoice', 'customer'],
  uploadPaymentProof: ['POST /orders/:id/payment-proofs', 'customer'],
  listOrderPaymentProofs: ['GET /orders/:id/payment-proofs', 'customer'],
  getPaymentProofImage: ['GET /payment-proofs/:id/image', 'customer'],
  // Guest checkout: the token of an order's link is the credential (guest-orders.test.ts: a wrong or absent one is
  // 404); claiming a guest order takes a signed-in account of the order's email as well.
  placeGuestOrder: ['POST /guest-orders', 'anonymous'],
  openGuestOrder: ['POST /guest-orders/:id/open', 'anonymous'],
  getGuestOrderPayment: ['POST /guest-orders/:id/payment', 'anonymous'],
  renewGuestOrderPayment: ['POST /guest-orders/:id/payment/renew', 'anonymous'],
  cancelGuestOrder: ['POST /guest-orders/:id/cancel', 'anonymous'],
  uploadGuestPaymentProof: ['POST /guest-orders/:id/payment-proofs', 'anonymous'],
  listGuestPaymentProofs: ['POST /guest-orders/:id/payment-proofs/list', 'anonymous'],
  claimGuestOrder: ['POST /guest-orders/:id/claim', 'customer'],
  // Anyone may ask to be told when a product is back; the same answer for every address (stock-alerts.test.ts).
  askForStockAlert: ['POST /products/:id/stock-alerts', 'anonymous'],
  // A wishlist is the caller's own: no route names another account (wishlist.test.ts: another's product is 404).
  getWishlist: ['GET /me/wishlist', 'customer'],
  addToWishlist: ['PUT /me/wishlist/:id', 'customer'],
  removeFromWishlist: ['DELETE /me/wishlist/:id', 'customer'],
  mergeWishlist: ['POST /me/wishlist/merge', 'customer'],
  // The PC builder: parts and saved builds are open to anyone with the link (ids are 128 random bits); only the
  // customer who saved a build changes it (pc-builder.test.ts: another's is 403).
  builderCandidates: ['GET /builder/candidates/:slot', 'anonymous'],
  saveBuild: ['POST /builds', 'anonymous'],
  getBuild: ['GET /builds/:id', 'anonymous'],
  updateBuild: ['PUT /builds/:id', 'customer'],
  addBuildToCart: ['POST /builder/cart', 'anonymous'],
  // Money: the back office.
  transitionOrder: ['POST /admin/orders/:id/transitions', 'staff'],
  cancelOrderLine: ['POST /admin/orders/:id/lines/:lineId/cancel', 'staff'],
  listPaymentProofs: ['GET /admin/payment-proofs', 'staff'],
  reviewPaymentProof: ['POST /admin/payment-proofs/:id/review', 'staff'],
  listRefundsOwed: ['GET /admin/refunds-owed', 'staff'],
  listPreOrders: ['GET /admin/pre-orders', 'staff'],
  placeCounterPreOrder: ['POST /admin/pre-orders', 'staff'],
  confirmPreOrder: ['POST /admin/pre-orders/:id/confirm', 'staff'],
  takePreOrderCash: ['POST /admin/pre-orders/:id/cash', 'staff'],
  markRefunded: ['POST /admin/refunds-owed/:id/refunded', 'staff'],
  listAdminOrders: ['GET /admin/orders', 'staff'],
  getAdminOrder: ['GET /admin/orders/:id', 'staff'],
  listPaymentsInReview: ['GET /admin/payments/review', 'staff'],
  listPaymentsToReconcile: ['GET /admin/payments/reconciliation', 'staff'],
  reconcilePayment: ['POST /admin/payments/:id/reconcile', 'staff'],
  recordStockMovement: ['POST /admin/stock/movements', 'staff'],
  getProductStock: ['GET /admin/products/:id/stock', 'staff'],
  listLowStock: ['GET /admin/stock/low', 'staff'],
  // Cost prices are the owner's: staff count stock but never see what it cost.
  getStockValuation: ['GET /admin/stock/valuation', 'admin'],
  getAdminProduct: ['GET /admin/products/:id', 'admin'],
  // The back office's product list and its pictures: staff count and receive stock, so they read them too.
  listAdminProducts: ['GET /admin/products', 'staff'],
  getProductImageFile: ['GET /admin/products/:id/images/:imageId/file', 'staff'],
  orderProductImages: ['PUT /admin/products/:id/images/order', 'admin'],
  // Counters: devices are an admin's to pair and revoke; the sync routes take a paired device's token and no
  // person's session, whatever their role (devices.test.ts proves a device token opens them).
  createDevice: ['POST /admin/devices', 'admin'],
  listDevices: ['GET /admin/devices', 'admin'],
  revokeDevice: ['DELETE /admin/devices/:id', 'admin'],
  pairDevice: ['POST /devices/pair', 'anonymous'],
  listChanges: ['GET /sync/changes', 'device'],
  pushItems: ['POST /sync/push', 'device'],
  requestCounterKhqr: ['POST /sync/khqr', 'device'],
  getCounterKhqr: ['GET /sync/khqr/:id', 'device'],
  listParkedItems: ['GET /admin/sync/parked', 'staff'],
  retryParkedItem: ['POST /admin/sync/parked/:id/retry', 'staff'],
  discardParkedItem: ['POST /admin/sync/parked/:id/discard', 'staff'],
  getShiftReport: ['GET /admin/shifts/:id', 'staff'],
  listShortfalls: ['GET /admin/stock/shortfalls', 'staff'],
  resolveShortfall: ['POST /admin/stock/shortfalls/:id/resolve', 'staff'],
  // People.
  listUsers: ['GET /admin/users', 'staff'],
  listCustomers: ['GET /admin/customers', 'staff'],
  getCustomer: ['GET /admin/customers/:id', 'staff'],
  createUser: ['POST /admin/users', 'admin'],
  updateUser: ['PATCH /admin/users/:id', 'admin'],
  getUser: ['GET /admin/users/:id', 'admin'],
  getMe: ['GET /me', 'customer'],
  updateMe: ['PATCH /me', 'customer'],
  changePassword: ['POST /me/password', 'customer'],
  setCounterPin: ['PUT /me/pin', 'staff'],
  listSessions: ['GET /me/sessions', 'customer'],
  revokeSession: ['DELETE /me/sessions/:id', 'customer'],
  inviteStaff: ['POST /admin/users/invitations', 'admin'],
  listInvitations: ['GET /admin/users/invitations', 'admin'],
  resendInvitation: ['POST /admin/users/invitations/:id/resend', 'admin'],
  revokeInvitation: ['DELETE /admin/users/invitations/:id', 'admin'],
  // The invitee has no account yet: the mailed token is the credential (people.test.ts).
  acceptInvitation: ['POST /auth/invitations/accept', 'anonymous'],
  resetSecondFactor: ['POST /admin/users/:id/second-factor/reset', 'admin'],
  listUserSignIns: ['GET /admin/users/:id/sign-ins', 'admin'],
  // The catalog: prices and what is on sale.
  createProduct: ['POST /admin/products', 'admin'],
  updateProduct: ['PATCH /admin/products/:id', 'admin'],
  uploadProductImage: ['POST /admin/products/:id/images', 'admin'],
  deleteProductImage: ['DELETE /admin/products/:id/images/:imageId', 'admin'],
  createCategory: ['POST /admin/categories', 'admin'],
  updateCategory: ['PATCH /admin/categories/:id', 'admin'],
  createBrand: ['POST /admin/brands', 'admin'],
  updateBrand: ['PATCH /admin/brands/:id', 'admin'],
  // How search reads what customers type: it decides what every shopper finds, so the catalog's owner sets it.
  getSearchSynonyms: ['GET /admin/search/synonyms', 'admin'],
  replaceSearchSynonyms: ['PUT /admin/search/synonyms', 'admin'],
  // Support's back office.
  listInquiries: ['GET /admin/support/inquiries', 'staff'],
  getInquiry: ['GET /admin/support/inquiries/:id', 'staff'],
  replyToInquiry: ['POST /admin/support/inquiries/:id/messages', 'staff'],
  setInquiryStatus: ['POST /admin/support/inquiries/:id/status', 'staff'],
  // Warranty and repairs (issue 18): anyone looks a serial up (the order only for its buyer and staff:
  // warranty-claims.test.ts); staff open and move claims; customers follow their own (another's is 404).
  lookupWarranty: ['GET /warranty', 'anonymous'],
  listMyClaims: ['GET /claims', 'customer'],
  getMyClaim: ['GET /claims/:id', 'customer'],
  acceptMyClaimQuote: ['POST /claims/:id/quote/acceptance', 'customer'],
  getClaimPhoto: ['GET /claims/:id/photos/:photoId', 'customer'],
  serialHistory: ['GET /admin/serials/:serial/history', 'staff'],
  openClaim: ['POST /admin/claims', 'staff'],
  listClaims: ['GET /admin/claims', 'staff'],
  getClaim: ['GET /admin/claims/:id', 'staff'],
  moveClaim: ['POST /admin/claims/:id/status', 'staff'],
  quoteClaim: ['POST /admin/claims/:id/quote', 'staff'],
  recordClaimQuoteAcceptance: ['POST /admin/claims/:id/quote/acceptance', 'staff'],
  payClaimRepair: ['POST /admin/claims/:id/payment', 'staff'],
  uploadClaimPhoto: ['POST /admin/claims/:id/photos', 'staff'],
  claimSlip: ['GET /admin/claims/:id/slip', 'staff'],
  // Settings: the shop's card, rate and fees read by anyone; everything else, and the audit log, admins only.
  getShopInfo: ['GET /shop', 'anonymous'],
  getAdminSettings: ['GET /admin/settings', 'admin'],
  changeSetting: ['PUT /admin/settings/:key', 'admin'],
  setBakongToken: ['PUT /admin/settings/bakong-token', 'admin'],
  setMailSettings: ['PUT /admin/settings/mail', 'admin'],
  sendTestMail: ['POST /admin/settings/mail/test', 'admin'],
  listAudit: ['GET /admin/audit', 'admin'],
  // Reports and health: the whole shop's sales, margins and takings are the owner's; a cashier reads only the
  // shifts they opened (another's answers 404: reports.test.ts).
  getSalesReport: ['GET /admin/reports/sales', 'admin'],
  getTopProducts: ['GET /admin/reports/top-products', 'admin'],
  getMarginReport: ['GET /admin/reports/margin', 'admin'],
  getTakingsReport: ['GET /admin/reports/takings', 'admin'],
  listShiftSummaries: ['GET /admin/reports/shifts', 'admin'],
  listMyShifts: ['GET /reports/my-shifts', 'staff'],
  getMyShiftReport: ['GET /reports/my-shifts/:id', 'staff'],
  getSystemHealth: ['GET /admin/health', 'admin'],
  // Promotions and coupons are the owner's margin: staff read them (they sell with them), admins write them; the
  // promotions live now price the public pages.
  getLivePromotions: ['GET /promotions', 'anonymous'],
  listPromotions: ['GET /admin/promotions', 'staff'],
  getPromotion: ['GET /admin/promotions/:id', 'staff'],
  createPromotion: ['POST /admin/promotions', 'admin'],
  updatePromotion: ['PUT /admin/promotions/:id', 'admin'],
  pausePromotion: ['POST /admin/promotions/:id/pause', 'admin'],
  resumePromotion: ['POST /admin/promotions/:id/resume', 'admin'],
  deletePromotion: ['DELETE /admin/promotions/:id', 'admin'],
  listFlaggedSales: ['GET /admin/price-flags', 'staff'],
  listCoupons: ['GET /admin/coupons', 'staff'],
  getCoupon: ['GET /admin/coupons/:id', 'staff'],
  createCoupon: ['POST /admin/coupons', 'admin'],
  updateCoupon: ['PUT /admin/coupons/:id', 'admin'],
  pauseCoupon: ['POST /admin/coupons/:id/pause', 'admin'],
  resumeCoupon: ['POST /admin/coupons/:id/resume', 'admin'],
  deleteCoupon: ['DELETE /admin/coupons/:id', 'admin'],
};

const rank: Record<Caller, number> = { anonymous: 0, customer: 1, staff: 2, admin: 3 };

/** What a caller must get from a route open to `least` and above: 401 anonymous, 403 a role below, else neither. */
function handWritten(least: Caller | 'device', caller: Caller): 'allowed' | 401 | 403 {
  if (least === 'device') return 401;
  if (rank[caller] >= rank[least]) return 'allowed';
  return caller === 'anonymous' ? 401 : 403;
}

describe('authorization of money, people and settings, as written by hand', () => {
  it('every back-office route and every route about orders, payments, refunds, stock, users or settings has a row', () => {
    const needsRow = Object.entries(apiRoutes)
      .filter(
        ([name, r]) =>
          /^\/(admin|sync)\//.test(r.path) ||
          /order|payment|refund|stock|user|setting|merchant|device|report/i.test(`${name} ${r.path}`),
      )
      .map(([name]) => name);
    expect(needsRow.filter((name) => !(name in whoMayCall))).toEqual([]);
  });

  it('the route table knows each row by the same name, method and path', () => {
    for (const [name, [route]] of Object.entries(whoMayCall)) {
      const def = (apiRoutes as Record<string, RouteDef>)[name];
      expect(def && `${def.method.toUpperCase()} ${def.path}`, name).toBe(route);
    }
  });

  for (const [name, [route, least]] of Object.entries(whoMayCall)) {
    it(`${route} (${name}): ${least} and above`, async () => {
      const [method, path] = route.split(' ') as [string, string];
      await freshSessions();
      for (const caller of callers) {
        const status = await statusFor(method, path, caller);
        const expected = handWritten(least, caller);
        if (expected === 'allowed') expect([401, 403], `${caller} ${name}`).not.toContain(status);
        else expect(status, `${caller} ${name}`).toBe(expected);
      }
    });
  }
});
