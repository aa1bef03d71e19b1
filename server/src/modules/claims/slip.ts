import {
  code128Svg,
  escapeHtml,
  formatShopDate,
  formatShopDateTime,
  formatUsd,
  type ShopIdentity,
  type StaffClaim,
} from '@shop/shared';

/**
 * The claim slip, printed when a unit is taken in: the claim number as a Code 128 barcode (scanning it at the counter
 * opens the claim), what was received and the customer's copy of the terms. English with Khmer beside it, as the
 * shop's receipts are; a page of its own (inline CSS, no script), every value escaped.
 */
const labels = {
  title: ['Warranty / repair claim', 'ប័ណ្ណទទួលជួសជុល / ធានា'],
  customer: ['Customer', 'អតិថិជន'],
  product: ['Product', 'ផលិតផល'],
  serial: ['Serial number', 'លេខស៊េរី'],
  order: ['Sold with order', 'លក់ជាមួយការបញ្ជាទិញ'],
  warranty: ['Warranty', 'ការធានា'],
  inWarranty: ['in warranty until', 'នៅក្នុងការធានារហូតដល់'],
  outOfWarranty: ['out of warranty: repair at a quoted price', 'ផុតការធានា៖ ជួសជុលតាមតម្លៃដែលបានស្នើ'],
  fault: ['Fault described', 'បញ្ហាដែលបានរៀបរាប់'],
  accessories: ['Accessories received', 'គ្រឿងបន្លាស់ដែលបានទទួល'],
  none: ['none', 'គ្មាន'],
  received: ['Received', 'ថ្ងៃទទួល'],
  keep: [
    'Keep this slip: bring it to collect the unit. Follow the claim in your account on our web shop.',
    'សូមរក្សាប័ណ្ណនេះ ហើយយកមកពេលមកយកឧបករណ៍។ តាមដានការជួសជុលនៅក្នុងគណនីរបស់អ្នកលើគេហទំព័រ។',
  ],
} as const;

const both = ([en, km]: readonly [string, string]) =>
  `${escapeHtml(en)} <span class="km">${escapeHtml(km)}</span>`;

export function renderClaimSlip(
  claim: StaffClaim,
  shop: Pick<ShopIdentity, 'name' | 'phone' | 'address'>,
): string {
  const row = (label: readonly [string, string], value: string, text = false) =>
    `<tr><th>${both(label)}</th><td${text ? ' class="text"' : ''}>${value}</td></tr>`;
  const warranty =
    claim.inWarranty && claim.warrantyUntil !== null
      ? `${both(labels.inWarranty)} ${escapeHtml(formatShopDate(claim.warrantyUntil, 'en'))}`
      : both(labels.outOfWarranty) +
        (claim.quoteCents !== null ? ` · ${escapeHtml(formatUsd(claim.quoteCents))}` : '');
  const contact = [claim.customer.name, claim.customer.phone, claim.customer.email]
    .filter(Boolean)
    .join(' · ');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(claim.number)}</title>
<style>
@page { size: A5; margin: 10mm; }
body { font-family: 'Noto Sans', 'Noto Sans Khmer', 'Khmer OS', sans-serif; color: #000; margin: 0; font-size: 12px; }
header { display: flex; justify-content: space-between; align-items: flex-start; border-bottom: 2px solid #000; padding-bottom: 8px; }
h1 { font-size: 16px; margin: 0 0 4px; }
.shop { font-size: 11px; }
.number { text-align: right; font-size: 14px; font-weight: bold; }
.number svg { display: block; margin-left: auto; }
table { width: 100%; border-collapse: collapse; margin-top: 10px; }
th, td { text-align: left; vertical-align: top; padding: 5px 4px; border-bottom: 1px solid #ccc; }
th { width: 38%; font-weight: 600; }
.km { display: block; font-weight: normal; font-size: 11px; color: #333; }
td.text { white-space: pre-wrap; }
footer { margin-top: 14px; font-size: 11px; }
</style></head>
<body>
<header>
  <div><h1>${both(labels.title)}</h1>
  <div class="shop">${escapeHtml(shop.name)}${shop.phone ? ` · ${escapeHtml(shop.phone)}` : ''}${shop.address ? `<br>${escapeHtml(shop.address)}` : ''}</div></div>
  <div class="number">${code128Svg(claim.number, { moduleWidth: 1.5, height: 44 })}${escapeHtml(claim.number)}</div>
</header>
<table>
${row(labels.customer, escapeHtml(contact))}
${row(labels.product, escapeHtml(claim.product.name))}
${row(labels.serial, escapeHtml(claim.serial))}
${claim.orderNumber ? row(labels.order, escapeHtml(claim.orderNumber)) : ''}
${row(labels.warranty, warranty)}
${row(labels.fault, escapeHtml(claim.fault), true)}
${row(labels.accessories, claim.accessories ? escapeHtml(claim.accessories) : both(labels.none), true)}
${row(labels.received, `${escapeHtml(formatShopDateTime(claim.openedAt, 'en'))}${claim.openedBy ? ` · ${escapeHtml(claim.openedBy.name)}` : ''}`)}
</table>
<footer>${both(labels.keep)}</footer>
</body></html>
`;
}
