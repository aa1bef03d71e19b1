import { formatKhr, formatUsd, usdCentsToKhr, vatIncludedIn, type Currency } from '@shop/shared';
import { labels as L, type Label } from './labels';
import type { ReceiptLine, ReceiptModel, ReceiptPayment } from './model';

/**
 * The sums a receipt prints, worked out once in integers (cents, riel) so the 80 mm slip, the A4 page, the PDF and
 * the printer's bitmap can never disagree. VAT follows the server's invoice: prices include it, the VAT is
 * vatIncludedIn(total), the riel figures are the USD ones at the sale's rate rounded to 100 riel.
 */
export interface ReceiptFigures {
  lines: FiguredLine[];
  /** The lines after their own discounts. */
  subtotalCents: number;
  /** The discount on the whole sale. */
  discountCents: number;
  /** That discount line by line: each named one, then what is left of it unnamed (null: "Discount"). */
  discounts: { name: string | null; cents: number }[];
  totalCents: number;
  /** The total in riel at the sale's rate, rounded to 100 riel (as the server's invoice shows it). */
  totalKhr: number;
  vat: {
    ratePercent: number;
    tin: string;
    vatCents: number;
    vatKhr: number;
    netCents: number;
    netKhr: number;
  } | null;
  /** Change given back, per currency it was given in. */
  changeUsdCents: number;
  changeKhr: number;
  roundingRiel: number;
}

export interface FiguredLine {
  line: ReceiptLine;
  /** Quantity × unit price. */
  grossCents: number;
  discountCents: number;
  amountCents: number;
}

export function figureReceipt(model: ReceiptModel): ReceiptFigures {
  const lines = model.lines.map((line) => {
    const grossCents = line.quantity * line.unitPriceCents;
    const discountCents = line.discountCents ?? 0;
    return { line, grossCents, discountCents, amountCents: grossCents - discountCents };
  });
  const subtotalCents = lines.reduce((sum, l) => sum + l.amountCents, 0);
  const discountCents = model.discountCents ?? 0;
  const totalCents = subtotalCents - discountCents;
  const named = (model.discounts ?? []).filter((d) => d.cents > 0);
  const unnamed = discountCents - named.reduce((sum, d) => sum + d.cents, 0);
  const discounts = [
    ...named.map((d) => ({ name: d.name, cents: d.cents })),
    ...(unnamed > 0 ? [{ name: null, cents: unnamed }] : []),
  ];
  const totalKhr = usdCentsToKhr(totalCents, model.rielPerUsd);
  const vatCents = model.vat ? vatIncludedIn(totalCents, model.vat.ratePercent) : 0;
  const vatKhr = usdCentsToKhr(vatCents, model.rielPerUsd);
  let changeUsdCents = 0;
  let changeKhr = 0;
  for (const payment of model.payments) {
    if (!payment.change) continue;
    if ((payment.changeCurrency ?? payment.currency) === 'USD') changeUsdCents += payment.change;
    else changeKhr += payment.change;
  }
  return {
    lines,
    subtotalCents,
    discountCents,
    discounts,
    totalCents,
    totalKhr,
    vat: model.vat && {
      ratePercent: model.vat.ratePercent,
      tin: model.vat.tin,
      vatCents,
      vatKhr,
      netCents: totalCents - vatCents,
      netKhr: totalKhr - vatKhr,
    },
    changeUsdCents,
    changeKhr,
    roundingRiel: model.roundingRiel ?? khrRounding(totalCents, model.payments, model.rielPerUsd),
  };
}

/**
 * Riel paid beyond the exact riel of what the USD payments left (negative: short of it). Riel cash moves in
 * 100-riel steps, so a sale of $12.34 at 4,037 paid in riel is 49,817 riel exactly and 49,800 in notes: −17.
 * No riel payment, no rounding.
 */
export function khrRounding(
  totalCents: number,
  payments: readonly ReceiptPayment[],
  rielPerUsd: number,
): number {
  const settled = (currency: Currency) =>
    payments.filter((p) => p.currency === currency).reduce((sum, p) => sum + p.amount, 0);
  const khr = settled('KHR');
  if (khr === 0) return 0;
  const leftCents = totalCents - settled('USD');
  return khr - exactRiel(leftCents, rielPerUsd);
}

/** Cents in riel, to the whole riel (half up), without the 100-riel step. */
export function exactRiel(cents: number, rielPerUsd: number): number {
  return Math.floor((cents * rielPerUsd + 50) / 100);
}

/** Riel in cents at the rate, half up: what riel handed over is worth in dollars. */
export function rielToUsdCents(riel: number, rielPerUsd: number): number {
  return Math.floor((riel * 200 + rielPerUsd) / (2 * rielPerUsd));
}

/** One row of money: a label, the USD column, the riel column (either may be empty). */
export interface MoneyRow {
  /** A label of the receipt's own, or a name the shop gave (a promotion's) twice: printed once, as written. */
  label: Label;
  usd: string | null;
  khr: string | null;
  /** The total: set larger and bold. */
  strong?: boolean;
}

/** Subtotal, discount, VAT lines and the total, in USD with riel beside. */
export function totalRows(figures: ReceiptFigures): MoneyRow[] {
  const rows: MoneyRow[] = [];
  if (figures.discountCents > 0)
    rows.push(
      { label: L.subtotal, usd: formatUsd(figures.subtotalCents), khr: null },
      ...figures.discounts.map((d) => ({
        label: d.name === null ? L.discount : ([d.name, d.name] as const),
        usd: formatUsd(-d.cents),
        khr: null,
      })),
    );
  const { vat } = figures;
  if (vat) {
    rows.push(
      { label: L.totalExclVat, usd: formatUsd(vat.netCents), khr: formatKhr(vat.netKhr) },
      {
        label: [`${L.vat[0]} ${vat.ratePercent}% (${L.included[0]})`, `${L.vat[1]} ${vat.ratePercent}%`],
        usd: formatUsd(vat.vatCents),
        khr: formatKhr(vat.vatKhr),
      },
    );
  }
  rows.push({
    label: vat ? L.totalInclVat : L.total,
    usd: formatUsd(figures.totalCents),
    khr: formatKhr(figures.totalKhr),
    strong: true,
  });
  return rows;
}

/**
 * What was handed over and given back: each payment in its currency with the other beside it (≈, at the sale's
 * rate), the change per currency, and the riel rounding as its own line.
 */
export function paymentRows(model: ReceiptModel, figures: ReceiptFigures): MoneyRow[] {
  const rate = model.rielPerUsd;
  const rows: MoneyRow[] = model.payments.map((payment) => {
    const handed = payment.method === 'cash' ? (payment.tendered ?? payment.amount) : payment.amount;
    const label: Label =
      payment.method === 'cash'
        ? [
            `${L.cash[0]} ${payment.currency} ${L.tendered[0]}`,
            `${L.cash[1]} ${payment.currency} ${L.tendered[1]}`,
          ]
        : payment.staffConfirmed
          ? [
              `KHQR ${payment.currency}, ${L.confirmedByStaff[0]}`,
              `KHQR ${payment.currency} ${L.confirmedByStaff[1]}`,
            ]
          : [`KHQR ${payment.currency}`, `KHQR ${payment.currency}`];
    return { label, ...beside(payment.currency, handed, rate) };
  });
  if (figures.changeUsdCents > 0)
    rows.push({ label: changeLabel('USD'), ...beside('USD', figures.changeUsdCents, rate) });
  if (figures.changeKhr > 0)
    rows.push({ label: changeLabel('KHR'), ...beside('KHR', figures.changeKhr, rate) });
  if (figures.roundingRiel !== 0)
    rows.push({
      label: L.rounding,
      usd: null,
      khr: `${figures.roundingRiel > 0 ? '+' : ''}${formatKhr(figures.roundingRiel)}`,
    });
  return rows;
}

function changeLabel(currency: Currency): Label {
  return [`${L.change[0]} ${currency}`, `${L.change[1]} ${currency}`];
}

/** An amount in its own currency's column and its worth in the other one's, marked as approximate. */
function beside(currency: Currency, amount: number, rielPerUsd: number): { usd: string; khr: string } {
  return currency === 'USD'
    ? { usd: formatUsd(amount), khr: `≈${formatKhr(usdCentsToKhr(amount, rielPerUsd))}` }
    : { usd: `≈${formatUsd(rielToUsdCents(amount, rielPerUsd))}`, khr: formatKhr(amount) };
}

/** "1 USD = 4,100៛". */
export function rateText(rielPerUsd: number): string {
  return `1 USD = ${formatKhr(rielPerUsd)}`;
}
