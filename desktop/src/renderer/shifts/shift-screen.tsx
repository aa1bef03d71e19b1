import { formatShopDateTime } from '@shop/shared';
import { Button, FormAlert, useLocale, useMessages } from '@shop/ui';
import { useCallback, useEffect, useState } from 'react';
import type { DrawerReport, Shift } from '../../core/pos/shifts';
import { messageOf, run } from '../bridge';
import { ShortcutButton } from '../frame/shortcut-button';
import { CashCount, countedCash, emptyCount, type CashCountValue } from './cash-count';
import { DrawerFigures } from './drawer-report';
import { MoveCashForm } from './move-cash-form';
import { shiftTexts } from './texts';
import { ZReport } from './z-report';

/**
 * The shift at this counter: opened with the float counted note by note; while open, the X report, pay-ins and
 * pay-outs, and the close with the drawer counted and the difference per currency shown before it is final; once
 * closed, the Z report to print.
 */
export function ShiftScreen({
  shift,
  onShift,
}: {
  shift: Shift | null;
  onShift: (shift: Shift | null) => void;
}) {
  const t = useMessages(shiftTexts);
  const { locale } = useLocale();
  const [count, setCount] = useState<CashCountValue>(emptyCount);
  const [x, setX] = useState<DrawerReport | null>(null);
  const [z, setZ] = useState<DrawerReport | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(() => {
    if (!shift) return setX(null);
    run<DrawerReport>('xReport')
      .then(setX)
      .catch((failure: unknown) => setProblem(messageOf(failure)));
  }, [shift]);
  useEffect(refresh, [refresh]);

  const act = async (step: () => Promise<void>) => {
    setBusy(true);
    try {
      await step();
      setProblem(null);
      setCount(emptyCount());
    } catch (failure) {
      setProblem(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };
  const open = () =>
    act(async () => {
      const { usdCents, khr } = countedCash(count);
      setZ(null);
      onShift(await run<Shift>('openShift', { floatUsdCents: usdCents, floatKhr: khr }));
    });
  const close = () =>
    act(async () => {
      const { usdCents, khr } = countedCash(count);
      setZ(await run<DrawerReport>('closeShift', { countedUsdCents: usdCents, countedKhr: khr }));
      onShift(null);
    });

  // The difference shows once the cashier starts counting, not as a drawer "missing" everything before that.
  const counting = Object.keys(count.USD).length + Object.keys(count.KHR).length > 0;
  const layout =
    'grid min-h-0 flex-1 grid-cols-[minmax(0,1fr)_minmax(20rem,26rem)] gap-4 overflow-y-auto p-4 max-[1100px]:grid-cols-[minmax(0,1fr)_18rem] max-[1100px]:gap-3 max-[1100px]:p-3';
  const card = 'rounded-card border border-line bg-white p-4 shadow-sm';

  if (z)
    return (
      <div className={layout}>
        <section className="grid content-start gap-3">
          <h1 className="text-2xl font-bold">{t.closedTitle}</h1>
          <div className={card}>
            <DrawerFigures report={z} />
          </div>
        </section>
        <aside className="grid content-start gap-3">
          <ZReport shiftId={z.shiftId} />
          <Button variant="secondary" size="lg" onClick={() => setZ(null)}>
            {t.newShift}
          </Button>
        </aside>
      </div>
    );

  if (!shift)
    return (
      <div className={layout}>
        <section className="grid content-start gap-3">
          <h1 className="text-2xl font-bold">{t.openTitle}</h1>
          {problem && <FormAlert>{problem}</FormAlert>}
          <div className={card}>
            <CashCount value={count} onChange={setCount} />
          </div>
        </section>
        <aside className="grid content-start gap-3">
          <ShortcutButton
            shortcut="F10"
            variant="primary"
            className="h-20 text-xl"
            busy={busy}
            onPress={() => void open()}
          >
            {t.openShift}
          </ShortcutButton>
        </aside>
      </div>
    );

  // Side by side where there is room, so the count, the difference and the close button are seen together.
  return (
    <div className={layout}>
      <section className="grid content-start gap-3">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h1 className="text-2xl font-bold">{t.xReport}</h1>
          <p className="text-muted">{t.openSince(formatShopDateTime(shift.openedAt, locale))}</p>
        </div>
        {problem && <FormAlert>{problem}</FormAlert>}
        <div className="grid grid-cols-2 items-start gap-4 max-[1200px]:grid-cols-1 max-[1200px]:gap-3">
          {x && (
            <div className={card} data-testid="x-report">
              <DrawerFigures report={x} {...(counting && { counted: countedCash(count) })} />
            </div>
          )}
          {/* On a narrow screen the count comes first: it is what the cashier is doing. */}
          <div className={`${card} max-[1200px]:order-first`}>
            <h2 className="mb-3 font-semibold">{t.closeTitle}</h2>
            <CashCount
              value={count}
              onChange={setCount}
              {...(x && counting && { expected: { usdCents: x.expectedUsdCents, khr: x.expectedKhr } })}
            />
          </div>
        </div>
      </section>
      <aside className="grid content-start gap-3">
        <ShortcutButton
          shortcut="F10"
          variant="primary"
          className="h-20 text-xl"
          busy={busy}
          onPress={() => void close()}
        >
          {t.closeShift}
        </ShortcutButton>
        <div className={card}>
          <MoveCashForm onMoved={refresh} />
        </div>
      </aside>
    </div>
  );
}
