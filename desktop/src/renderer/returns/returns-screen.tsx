import { formatShopDateTime, formatUsd } from '@shop/shared';
import { Button, FormAlert, useLocale, useMessages } from '@shop/ui';
import { useEffect, useRef, useState } from 'react';
import type { ReturnableSale } from '../../core/pos/returnable';
import type { TakenReturn } from '../../core/pos/returns';
import type { SyncStatus } from '../../core/sync/status';
import { messageOf, run } from '../bridge';
import { ShortcutButton } from '../frame/shortcut-button';
import { useScanner } from '../sale/use-scanner';
import { firstWay, pickedLines, proposedRefund, refundWays, type Pick, type RefundWay } from './pick';
import { refundAmount, RefundForm } from './refund-form';
import { ReturnLines } from './return-lines';
import { ReturnResult } from './return-result';
import { returnTexts } from './texts';

/**
 * Items coming back: the receipt scanned (its barcode, whatever has focus) or typed, the units and serials picked
 * within what the core says can still come back, the refund by way and reason; then what was taken and what will
 * sync. Every rule is the core's: the screen only proposes, and shows the core's refusal as it is.
 */
export function ReturnsScreen({ status }: { status: SyncStatus }) {
  const t = useMessages(returnTexts);
  const { locale } = useLocale();
  const [number, setNumber] = useState('');
  const [sale, setSale] = useState<ReturnableSale | null>(null);
  const [picks, setPicks] = useState<Record<string, Pick>>({});
  const [way, setWay] = useState<RefundWay>('cash-USD');
  const [amountText, setAmountText] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [taken, setTaken] = useState<TakenReturn | null>(null);
  const field = useRef<HTMLInputElement>(null);

  useEffect(() => field.current?.focus(), []);

  const find = async (receiptNumber: string) => {
    const wanted = receiptNumber.trim();
    if (!wanted) return;
    setNumber(wanted);
    setTaken(null);
    try {
      const found = await run<ReturnableSale>('returnableSale', { receiptNumber: wanted });
      setSale(found);
      setPicks({});
      setWay(firstWay(found));
      setAmountText(null);
      setReason('');
      setProblem(null);
    } catch (failure) {
      setSale(null);
      setProblem(messageOf(failure));
    }
  };
  // The receipt's barcode is its number: a scan finds the sale wherever the focus is.
  useScanner((code) => void find(code));

  const currency = refundWays.find((w) => w.way === way)!;
  const proposed = sale ? proposedRefund(sale, picks, currency.currency) : 0;
  const lines = sale ? pickedLines(sale, picks) : [];

  const takeBack = async () => {
    if (!sale) return;
    if (lines.length === 0) return setProblem(t.pickSomething);
    const amount = amountText === null ? proposed : refundAmount(way, amountText);
    if (amount === null) return setProblem(t.notAmount);
    setBusy(true);
    try {
      const answer = await run<TakenReturn>('returnItems', {
        receiptNumber: sale.receiptNumber,
        lines,
        refunds: amount > 0 ? [{ method: currency.method, currency: currency.currency, amount }] : [],
        reason,
      });
      setTaken(answer);
      setProblem(null);
      // What can still be refunded has changed: the line above the result says so.
      setSale(await run<ReturnableSale>('returnableSale', { receiptNumber: sale.receiptNumber }));
    } catch (failure) {
      setProblem(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  const nextReturn = () => {
    setTaken(null);
    setSale(null);
    setNumber('');
    field.current?.focus();
  };

  return (
    <div className="grid min-h-0 flex-1 grid-cols-[minmax(0,1fr)_minmax(20rem,26rem)] gap-4 overflow-y-auto p-4 max-[1100px]:grid-cols-[minmax(0,1fr)_18rem] max-[1100px]:gap-3 max-[1100px]:p-3">
      <section className="flex min-h-0 flex-col gap-3">
        <h1 className="text-2xl font-bold">{t.title}</h1>
        <form
          className="flex items-end gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            void find(number);
          }}
        >
          <label className="grid flex-1 gap-1">
            <span className="text-sm font-medium">{t.receiptNumber}</span>
            <input
              ref={field}
              value={number}
              onChange={(event) => setNumber(event.target.value)}
              placeholder={t.receiptHint}
              className="h-14 rounded-lg border border-line px-4 font-mono text-xl focus:border-brand-500 focus:ring-2 focus:ring-brand-200 focus:outline-none"
            />
          </label>
          <Button type="submit" size="lg" className="h-14">
            {t.find}
          </Button>
        </form>
        {problem && <FormAlert>{problem}</FormAlert>}
        {sale && (
          <>
            <p className="text-muted" data-testid="return-sale">
              <span className="font-mono font-semibold text-ink">{sale.receiptNumber}</span> ·{' '}
              {t.sold(formatShopDateTime(sale.at, locale), formatUsd(sale.totalCents))} ·{' '}
              {t.refundable(formatUsd(sale.refundableCents))}
            </p>
            {!taken && (
              <ReturnLines
                sale={sale}
                picks={picks}
                onPick={(productId, pick) => {
                  setPicks((all) => ({ ...all, [productId]: pick }));
                  setAmountText(null);
                }}
              />
            )}
          </>
        )}
        {taken && sale && <ReturnResult taken={taken} sale={sale} status={status} />}
      </section>
      <aside className="flex min-h-0 flex-col gap-3">
        {sale && !taken && (
          <>
            <RefundForm
              way={way}
              onWay={setWay}
              proposed={proposed}
              amountText={amountText}
              onAmountText={setAmountText}
              reason={reason}
              onReason={setReason}
            />
            <ShortcutButton
              shortcut="F10"
              variant="primary"
              className="h-20 text-xl"
              busy={busy}
              disabled={lines.length === 0 || !reason.trim()}
              onPress={() => void takeBack()}
            >
              {t.takeBack}
            </ShortcutButton>
          </>
        )}
        {taken && (
          <ShortcutButton shortcut="F10" variant="primary" className="h-20 text-xl" onPress={nextReturn}>
            {t.nextReturn}
          </ShortcutButton>
        )}
      </aside>
    </div>
  );
}
