import type { CounterPolicy, Currency, Locale } from '@shop/shared';
import type { ServerAnswer, ServerRequest } from './back-office/server-request';
import type { BellState } from './back-office/notifications';
import type { BackOfficeHolder } from './back-office/session';
import type { ProductHit } from './catalog/lookup';
import type { HeldCart } from './pos/held-carts';
import type { Cart, CartTotals } from './pos/cart';
import type { KhqrCheck, KhqrOnScreen } from './pos/online-khqr';
import type { PaymentInput } from './pos/payments';
import type { Receipt } from './pos/receipts';
import type { RecentSale } from './pos/recent-sales';
import type { StaticKhqr } from './pos/static-khqr';
import type { CommittedSale } from './pos/sale';
import type { DocumentKind, ReceiptDocument, ReceiptFormat } from './receipts/desk';
import type { PrinterSetting } from './receipts/printer-setting';
import type { IssuedVatInvoice, VatInvoiceBuyer } from './receipts/vat-invoices';
import type { ReturnableSale } from './pos/returnable';
import type { TakenReturn } from './pos/returns';
import type { DrawerReport, Shift } from './pos/shifts';
import type { CounterStaff, StaffMember } from './staff/sign-in';
import type { SyncStatus } from './sync/status';

/**
 * The one contract between the counter's screens and its core: each command's name, input and output. The preload
 * bridge (Electron) and the browser host serve this same map. (Its types move to `shared/` with the next issue.)
 */

/** The sale on screen: the cart, its totals and what is still missing before it can be committed. */
export interface SaleView {
  cart: Cart;
  totals: CartTotals;
  rielPerUsd: number;
  /** What is due, in riel rounded to the 100-riel step, for a customer paying the rest in riel. */
  dueKhr: number;
  missing: string[];
}

export interface CustomerHit {
  id: string;
  name: string;
  phone: string | null;
  /** Added at this counter and not on the shop server yet (pos/new-customers.ts): not for a sale until it is. */
  waiting?: boolean;
}

export interface PosCommands {
  pair: {
    input: { serverUrl: string; pairingCode: string };
    output: { deviceId: string; deviceName: string };
  };
  status: { input: void; output: SyncStatus };
  syncNow: { input: void; output: { pulled: number; pushed: number } };

  /** Online sign-in at this counter: the server checks the password; staff then get a mailed code. */
  signInOnline: {
    input: { email: string; password: string };
    output: { signedIn: StaffMember } | { codeRequired: true; challengeId: string };
  };
  confirmSignInCode: { input: { challengeId: string; code: string }; output: StaffMember };
  signInWithPin: { input: { staffId: string; pin: string }; output: StaffMember };
  signOut: { input: void; output: void };
  signedIn: { input: void; output: StaffMember | null };

  lookup: { input: { query: string }; output: ProductHit[] };
  findCustomers: { input: { query: string }; output: CustomerHit[] };

  sale: { input: void; output: SaleView };
  addLine: { input: { productId: string; quantity?: number }; output: SaleView };
  setQuantity: { input: { productId: string; quantity: number }; output: SaleView };
  setLineDiscount: { input: { productId: string; discountCents: number }; output: SaleView };
  setSaleDiscount: { input: { discountCents: number }; output: SaleView };
  setSerials: { input: { productId: string; serials: string[] }; output: SaleView };
  chooseCustomer: { input: { customerId: string | null }; output: SaleView };
  /** The customer's coupon code (null: none); the sale says whether it applies, or why not (`cart.couponRefusal`). */
  setCoupon: { input: { code: string | null }; output: SaleView };
  pay: { input: PaymentInput; output: SaleView };
  removeLastPayment: { input: void; output: SaleView };
  /**
   * A dynamic KHQR of all that is due, made by the server (online only: offline is a PosError `offline` telling the
   * cashier to use the static QR with staff confirmation). It waits on the sale until `khqrStatus` says paid.
   */
  startKhqr: { input: { currency: Currency }; output: KhqrOnScreen & { sale: SaleView } };
  /** Asks the server about the KHQR on screen: paid counts toward the sale; expired leaves it. */
  khqrStatus: { input: void; output: KhqrCheck & { sale: SaleView } };
  cancelKhqr: { input: void; output: SaleView };
  clearSale: { input: void; output: SaleView };
  /** Puts the sale aside with the cashier's note (optional, at most 120 characters) to find it again. */
  holdSale: { input: { note?: string } | void; output: { heldId: string; sale: SaleView } };
  heldSales: { input: void; output: HeldCart[] };
  recallSale: { input: { heldId: string }; output: SaleView };
  commitSale: { input: void; output: CommittedSale };
  /** A committed sale by receipt number or id: to print, or to see what the server made of it. */
  receipt: { input: { receiptNumber: string }; output: Receipt };
  /** A committed sale's receipt, the same every time it is asked for: 80 mm or A4, a page to print or a PDF. */
  receiptDocument: {
    input: { receiptNumber: string; format: ReceiptFormat; as: DocumentKind; language?: Locale };
    output: ReceiptDocument;
  };
  /** The sale's VAT invoice, numbered in this counter's series; asking again answers the same invoice. */
  issueVatInvoice: {
    input: { receiptNumber: string; buyer: VatInvoiceBuyer };
    output: IssuedVatInvoice;
  };
  vatInvoiceDocument: { input: { receiptNumber: string; as: DocumentKind }; output: ReceiptDocument };
  /** The 80 mm receipt on this counter's printer; the drawer opens only when asked (a sale's completion). */
  printReceipt: { input: { receiptNumber: string; openDrawer?: boolean }; output: { printedOn: string } };
  /**
   * How the shop wants its counters to work, as last pulled: the paper receipts are printed on (the screens print
   * 80 mm or A4 as set), the footer new receipts carry, and the discount limit per role.
   */
  counterPolicy: { input: void; output: CounterPolicy };
  printerSettings: { input: void; output: PrinterSetting };
  setPrinter: { input: PrinterSetting; output: PrinterSetting };

  returnItems: {
    input: {
      receiptNumber: string;
      lines: { productId: string; quantity: number; serials?: string[] }[];
      refunds: { method: 'cash' | 'khqr'; currency: Currency; amount: number }[];
      reason: string;
    };
    output: TakenReturn;
  };

  currentShift: { input: void; output: Shift | null };
  openShift: { input: { floatUsdCents: number; floatKhr: number }; output: Shift };
  moveCash: {
    input: { kind: 'pay_in' | 'pay_out'; currency: Currency; amount: number; reason: string };
    output: { id: string };
  };
  xReport: { input: void; output: DrawerReport };
  closeShift: { input: { countedUsdCents: number; countedKhr: number }; output: DrawerReport };

  /** The staff this counter knows, for its sign-in screen (names and roles; whether their PIN works here). */
  counterStaff: { input: void; output: CounterStaff[] };
  /**
   * A PC build saved in the web shop's builder, by its link or id (typed, pasted or scanned from its QR): every part
   * added to the sale in one step, or none (pos/pc-builds.ts). Needs the shop server to read the build.
   */
  addBuild: { input: { link: string }; output: SaleView };
  /** A scanned barcode (or typed SKU) added to the sale in one step: the scanner's path, one round trip. */
  scanCode: { input: { code: string }; output: { product: ProductHit; sale: SaleView } };
  /**
   * The shop's static KHQR (no amount: the customer types it), for when no dynamic one can be made (offline). The
   * payment counts only through `pay` with `staffConfirmed`, once staff saw the money arrive on the shop phone.
   */
  staticKhqr: { input: { currency: Currency }; output: StaticKhqr };
  /** The sales made at this counter, newest first (20 unless asked; at most 100): the list receipts are reprinted from. */
  recentSales: { input: { limit?: number }; output: RecentSale[] };
  /**
   * An admin's PIN, typed at the counter, lets this sale go past the cashier's discount limit (up to the admin's);
   * the approval travels with the sale to the server.
   */
  approveDiscount: { input: { staffId: string; pin: string }; output: SaleView };
  /**
   * A new customer by phone and name, kept on this counter until the server can take it (pos/new-customers.ts);
   * a phone the counter knows answers that customer (`added: false`).
   */
  addCustomer: { input: { name: string; phone: string }; output: { customer: CustomerHit; added: boolean } };

  /** A sale found by its receipt number (scanned or typed), with what can still come back and at what price. */
  returnableSale: { input: { receiptNumber: string }; output: ReturnableSale };
  /** The Z report of a closed shift of this counter, as at its close. */
  shiftReport: { input: { shiftId: string }; output: DrawerReport };
  /** The X report (no shiftId: the open shift) or a closed shift's Z report on 80 mm: a page or a PDF. */
  shiftReportDocument: {
    input: { shiftId?: string; as: DocumentKind; language?: Locale };
    output: ReceiptDocument;
  };
  /** The same report on this counter's receipt printer (the drawer stays shut). */
  printShiftReport: { input: { shiftId?: string; language?: Locale }; output: { printedOn: string } };

  /**
   * The back office: the cashier signed in here proves themselves to the server again (password, then the mailed
   * code); the core then holds that server session for the back-office screens' requests until it is closed.
   */
  openBackOffice: {
    input: { password: string };
    output: { opened: BackOfficeHolder } | { codeRequired: true; challengeId: string };
  };
  confirmBackOfficeCode: { input: { challengeId: string; code: string }; output: BackOfficeHolder };
  /** Who holds the back office now (null: closed, or it closed itself: idle, another cashier, signed out). */
  backOffice: { input: void; output: BackOfficeHolder | null };
  closeBackOffice: { input: void; output: void };
  /** One request of the back-office screens to the shop server's API, sent with the back office's session. */
  serverRequest: { input: ServerRequest; output: ServerAnswer };
  /**
   * The bell of the staff member holding the back office: live over the server's stream while it is open; the
   * core also tells the screens of each change as a `notifications` event.
   */
  notifications: { input: void; output: BellState };
  markNotificationRead: { input: { id: string }; output: BellState };
  markAllNotificationsRead: { input: void; output: BellState };
}

export type PosCommandName = keyof PosCommands;
export type PosCommandInput<K extends PosCommandName> = PosCommands[K]['input'];
export type PosCommandOutput<K extends PosCommandName> = PosCommands[K]['output'];

export type PosHandlers = {
  [K in PosCommandName]: (input: PosCommandInput<K>) => Promise<PosCommandOutput<K>>;
};
