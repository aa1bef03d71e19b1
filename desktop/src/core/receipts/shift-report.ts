import { formatKhr, formatShopDateTime, formatUsd, type Locale } from '@shop/shared';
import type { DrawerReport } from '../pos/shifts';
import { say, type Label } from './labels';
import type { SlipBlock, SlipStyle } from './slip';

/** The words of a shift's report, English with Khmer beside them as on the receipt. */
const words = {
  zReport: ['Z report: shift closed', 'របាយការណ៍ Z៖ បិទវេន'],
  xReport: ['X report: shift open', 'របាយការណ៍ X៖ វេនកំពុងបើក'],
  counter: ['Counter', 'បញ្ជរ'],
  opened: ['Opened', 'បើក'],
  closed: ['Closed', 'បិទ'],
  openedBy: ['Opened by', 'បើកដោយ'],
  closedBy: ['Closed by', 'បិទដោយ'],
  sales: ['Sales', 'ការលក់'],
  takings: ['Takings', 'ចំណូល'],
  returns: ['Returns', 'ការប្រគល់ត្រឡប់'],
  float: ['Float', 'ប្រាក់ដើម'],
  cashSales: ['Cash from sales', 'សាច់ប្រាក់ពីការលក់'],
  cashRefunds: ['Cash refunds', 'ប្រាក់សងវិញ'],
  payIn: ['Pay-in', 'ដាក់ប្រាក់ចូល'],
  payOut: ['Pay-out', 'ដកប្រាក់ចេញ'],
  expected: ['Expected in drawer', 'ប្រាក់ត្រូវមាន'],
  counted: ['Counted', 'ប្រាក់រាប់បាន'],
  difference: ['Difference', 'ភាពខុសគ្នា'],
  signature: ["Cashier's signature", 'ហត្ថលេខាអ្នកគិតលុយ'],
} as const satisfies Record<string, Label>;

export interface ShiftReportPaper {
  report: DrawerReport;
  shopName: string;
  deviceName: string;
  openedByName: string;
  closedByName: string | null;
  language: Locale;
}

/** A signed amount for the difference line: "+$1.00", "-4,000៛"; 0 without a sign. */
const signed = (text: string, value: number) => (value > 0 ? `+${text}` : text);

/**
 * A shift's report on the 80 mm roll, top to bottom: the X report while the shift is open, the Z report once it is
 * closed with the count and the difference per currency. Drawn by the same HTML, PDF and printer code as a receipt.
 */
export function shiftReportSlip(paper: ShiftReportPaper): SlipBlock[] {
  const { report, language: lang } = paper;
  const say2 = (label: Label) => say(label, lang);
  const text = (t: string, style: SlipStyle = 'body'): SlipBlock => ({
    kind: 'text',
    text: t,
    style,
    align: 'center',
  });
  const fact = (label: Label, value: string): SlipBlock => ({
    kind: 'row',
    label: say2(label),
    values: [value],
    style: 'small',
  });
  const money = (
    label: string,
    usdCents: number | null,
    khr: number | null,
    style: SlipStyle = 'body',
  ): SlipBlock => ({
    kind: 'row',
    label,
    // `|| 0`: a refund of nothing is shown as 0, not as the "-0" a negated zero formats to.
    values: [usdCents === null ? null : formatUsd(usdCents || 0), khr === null ? null : formatKhr(khr || 0)],
    style,
  });
  const closed = report.closedAt !== undefined;
  const blocks: SlipBlock[] = [
    text(paper.shopName, 'title'),
    { kind: 'space' },
    text(say2(closed ? words.zReport : words.xReport), 'strong'),
    { kind: 'rule', heavy: true },
    fact(words.counter, paper.deviceName),
    fact(words.opened, formatShopDateTime(report.openedAt, lang)),
    fact(words.openedBy, paper.openedByName),
  ];
  if (closed) blocks.push(fact(words.closed, formatShopDateTime(report.closedAt!, lang)));
  if (paper.closedByName) blocks.push(fact(words.closedBy, paper.closedByName));
  blocks.push(
    { kind: 'rule', heavy: false },
    fact(words.sales, String(report.sales)),
    fact(words.takings, formatUsd(report.takingsCents)),
    fact(words.returns, String(report.returns)),
    { kind: 'rule', heavy: false },
    { kind: 'row', label: '', values: ['USD', 'KHR'], style: 'small' },
    money(say2(words.float), report.float.usdCents, report.float.khr),
    money(say2(words.cashSales), report.cashSales.usdCents, report.cashSales.khr),
    money(say2(words.cashRefunds), -report.cashRefunds.usdCents, -report.cashRefunds.khr),
  );
  for (const m of report.movements) {
    const amount = m.kind === 'pay_in' ? m.amount : -m.amount;
    blocks.push(
      money(
        `${say2(m.kind === 'pay_in' ? words.payIn : words.payOut)}: ${m.reason}`,
        m.currency === 'USD' ? amount : null,
        m.currency === 'KHR' ? amount : null,
        'small',
      ),
    );
  }
  blocks.push(
    { kind: 'rule', heavy: true },
    money(say2(words.expected), report.expectedUsdCents, report.expectedKhr, 'strong'),
  );
  if (report.counted && report.difference)
    blocks.push(money(say2(words.counted), report.counted.usdCents, report.counted.khr, 'strong'), {
      kind: 'row',
      label: say2(words.difference),
      values: [
        signed(formatUsd(report.difference.usdCents), report.difference.usdCents),
        signed(formatKhr(report.difference.khr), report.difference.khr),
      ],
      style: 'strong',
    });
  blocks.push(
    { kind: 'space' },
    { kind: 'space' },
    { kind: 'rule', heavy: false },
    text(say2(words.signature), 'small'),
  );
  return blocks;
}
