import { formatUsd } from '@shop/shared';
import { Button, useMessages } from '@shop/ui';
import { memo } from 'react';
import type { CartLine } from '../../core/pos/cart';
import { DollarsInput } from './dollars-input';
import { saleTexts } from './texts';

/**
 * The sale's lines: quantity with big − and + keys, a discount per line, serials to scan for serialized items. Each
 * answer of the core is a new sale with new line objects; a row is drawn again only when what it shows changed, so
 * a scan renders its one new line, not the whole sale (pos-scan in tests/bench).
 */
export function CartLines({
  lines,
  change,
  onScanSerial,
}: {
  lines: CartLine[];
  change: (command: string, input: unknown) => Promise<boolean>;
  onScanSerial: (line: CartLine) => void;
}) {
  const t = useMessages(saleTexts);
  if (lines.length === 0)
    return <p className="grid flex-1 place-items-center text-xl text-muted">{t.emptySale}</p>;
  return (
    <div className="min-h-0 flex-1 overflow-y-auto">
      <table className="w-full border-separate border-spacing-y-1">
        <thead className="sticky top-0 bg-canvas text-left text-xs text-muted">
          <tr>
            <th className="px-2 py-1 font-medium">{t.item}</th>
            <th className="px-2 py-1 text-center font-medium">{t.quantity}</th>
            <th className="px-2 py-1 text-right font-medium">{t.price}</th>
            <th className="px-2 py-1 text-right font-medium">{t.discount}</th>
            <th className="px-2 py-1 text-right font-medium">{t.lineTotal}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <CartLineRow key={line.productId} line={line} change={change} onScanSerial={onScanSerial} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface RowProps {
  line: CartLine;
  change: (command: string, input: unknown) => Promise<boolean>;
  onScanSerial: (line: CartLine) => void;
}

const CartLineRow = memo(function CartLineRow({ line, change, onScanSerial }: RowProps) {
  const t = useMessages(saleTexts);
  const missing = line.serialized ? line.quantity - line.serials.length : 0;
  const quantity = (value: number) =>
    void change('setQuantity', { productId: line.productId, quantity: value });
  return (
    <tr data-testid="sale-line" className="bg-white shadow-sm">
      <td className="rounded-l-lg px-3 py-2">
        <p className="font-semibold">{line.name}</p>
        <p className="text-xs text-muted">
          {line.sku}
          {line.serials.length > 0 && ` · ${t.serials}: ${line.serials.join(', ')}`}
        </p>
        {line.promotion && (
          <p data-testid="line-promotion" className="text-sm font-semibold text-emerald-700">
            {line.promotion.name} −{formatUsd(line.promotion.cents)}
          </p>
        )}
        {missing > 0 && (
          <button
            type="button"
            onClick={() => onScanSerial(line)}
            className="mt-1 text-sm font-semibold text-amber-700 underline"
          >
            {t.serialsMissing(missing)}
          </button>
        )}
      </td>
      <td className="px-2 py-2">
        <div className="flex items-center justify-center gap-1">
          <Button
            variant="secondary"
            className="size-11 text-xl"
            aria-label={line.quantity === 1 ? t.remove : t.less}
            onClick={() => quantity(line.quantity - 1)}
          >
            {line.quantity === 1 ? '×' : '−'}
          </Button>
          <span data-testid="line-quantity" className="w-10 text-center text-lg font-bold tabular-nums">
            {line.quantity}
          </span>
          <Button
            variant="secondary"
            className="size-11 text-xl"
            aria-label={t.more}
            onClick={() => quantity(line.quantity + 1)}
          >
            +
          </Button>
        </div>
      </td>
      <td className="px-2 py-2 text-right tabular-nums">{formatUsd(line.unitPriceCents)}</td>
      <td className="px-2 py-2 text-right">
        <DollarsInput
          label={`${t.discount} ${line.name}`}
          cents={line.discountCents}
          onCommit={(discountCents) =>
            change('setLineDiscount', { productId: line.productId, discountCents })
          }
        />
      </td>
      <td
        data-testid="line-total"
        className="rounded-r-lg px-3 py-2 text-right text-lg font-bold tabular-nums"
      >
        {line.promotion && (
          <s className="block text-xs font-normal text-muted">
            {formatUsd(line.unitPriceCents * line.quantity)}
          </s>
        )}
        {formatUsd(line.unitPriceCents * line.quantity - (line.promotion?.cents ?? 0) - line.discountCents)}
      </td>
    </tr>
  );
}, sameRow);

function sameRow(before: RowProps, after: RowProps): boolean {
  const a = before.line;
  const b = after.line;
  return (
    before.change === after.change &&
    before.onScanSerial === after.onScanSerial &&
    a.productId === b.productId &&
    a.name === b.name &&
    a.sku === b.sku &&
    a.quantity === b.quantity &&
    a.unitPriceCents === b.unitPriceCents &&
    a.discountCents === b.discountCents &&
    a.promotion?.name === b.promotion?.name &&
    a.promotion?.cents === b.promotion?.cents &&
    a.serialized === b.serialized &&
    a.serials.length === b.serials.length &&
    a.serials.every((serial, i) => serial === b.serials[i])
  );
}
