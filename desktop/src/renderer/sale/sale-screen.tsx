import { FormAlert, useMessages } from '@shop/ui';
import { useCallback, useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { ProductHit } from '../../core/catalog/lookup';
import type { CustomerHit, SaleView } from '../../core/commands';
import type { CartLine } from '../../core/pos/cart';
import type { HeldCart } from '../../core/pos/held-carts';
import { CommandFailed, messageOf, run } from '../bridge';
import { ShortcutButton } from '../frame/shortcut-button';
import { PayScreen } from '../pay/pay-screen';
import { RecentSalesDialog } from '../receipts/recent-sales-dialog';
import { ApprovalDialog } from './approval-dialog';
import { BuildDialog, buildTexts } from './build-dialog';
import { CartLines } from './cart-lines';
import { CustomerDialog } from './customer-dialog';
import { HeldDialog, HoldDialog } from './held-dialog';
import { ProductSearch } from './product-search';
import { SerialDialog } from './serial-dialog';
import { saleTexts } from './texts';
import { TotalsPanel } from './totals-panel';
import { useSale } from './use-sale';
import { useScanner } from './use-scanner';

/**
 * Selling: the scan field always ready, the lines, the customer and the total, with the frequent actions on big
 * buttons that carry their function keys. A scanner's burst adds its item whatever has focus; while a serial prompt is
 * open, the scan is that item's serial instead.
 */
export function SaleScreen() {
  const t = useMessages(saleTexts);
  const b = useMessages(buildTexts);
  const [buildOpen, setBuildOpen] = useState(false);
  const { sale, setSale, problem, setProblem, change, awaitingApproval, setAwaitingApproval } = useSale();
  const [notice, setNotice] = useState<string | null>(null);
  const [customer, setCustomer] = useState<CustomerHit | null>(null);
  const [customerOpen, setCustomerOpen] = useState(false);
  const [serialFor, setSerialFor] = useState<string | null>(null);
  const [held, setHeld] = useState<HeldCart[] | null>(null);
  const [paying, setPaying] = useState(false);
  const [receiptsOpen, setReceiptsOpen] = useState(false);
  const [holding, setHolding] = useState(false);
  const scanField = useRef<HTMLInputElement>(null);
  // Stable, so the lines that did not change are not drawn again (cart-lines.tsx).
  const scanSerialOf = useCallback((line: CartLine) => setSerialFor(line.productId), []);

  const serialLine = sale?.cart.lines.find((line) => line.productId === serialFor) ?? null;
  const dialogOpen =
    customerOpen ||
    serialLine !== null ||
    held !== null ||
    receiptsOpen ||
    paying ||
    holding ||
    buildOpen ||
    awaitingApproval !== null;

  // The scan field gets the focus back after every change, unless a dialog is asking for something.
  useEffect(() => {
    if (!dialogOpen) scanField.current?.focus();
  }, [sale, dialogOpen]);

  const add = async (hit: ProductHit) => {
    setNotice(null);
    if (await change('addLine', { productId: hit.id })) {
      if (hit.serialized) setSerialFor(hit.id);
    }
  };

  const addSerial = async (serial: string) => {
    if (!serialLine) return;
    const serials = [...serialLine.serials, serial];
    if (await change('setSerials', { productId: serialLine.productId, serials }))
      if (serials.length >= serialLine.quantity) setSerialFor(null);
  };

  const addBuild = async (link: string) => {
    setBuildOpen(false);
    setNotice(null);
    if (await change('addBuild', { link })) setNotice(b.added);
  };

  const scanned = async (code: string) => {
    if (paying) return;
    if (serialLine) return addSerial(code);
    // The build dialog is open: the scan is a build's link (its QR).
    if (buildOpen) return addBuild(code);
    // The note is being typed: a scan now would change the sale being put aside.
    if (holding) return;
    setNotice(null);
    try {
      // One round trip from the scanner's Enter to the new sale: the core finds the code and adds it.
      const { product, sale: next } = await run<{ product: ProductHit; sale: SaleView }>('scanCode', {
        code,
      });
      // Drawn now, in the answer's own task: left to React's scheduler, the new line waits a task more and often a
      // frame more (measured: pos-scan in tests/bench).
      flushSync(() => {
        setSale(next);
        setProblem(null);
      });
      if (product.serialized) setSerialFor(product.id);
    } catch (failure) {
      const unknown = failure instanceof CommandFailed && failure.error.code === 'not_found';
      setProblem(unknown ? t.unknownCode(code) : messageOf(failure));
    }
  };
  useScanner((code) => void scanned(code));

  const hold = async (note: string) => {
    setHolding(false);
    try {
      const answer = await run<{ heldId: string; sale: SaleView }>('holdSale', { note });
      await change('sale');
      setCustomer(null);
      setNotice(t.held);
      return answer;
    } catch (failure) {
      setProblem(messageOf(failure));
    }
  };
  const openHeld = async () => {
    try {
      setHeld(await run<HeldCart[]>('heldSales'));
    } catch (failure) {
      setProblem(messageOf(failure));
    }
  };
  const recall = async (heldId: string) => {
    setHeld(null);
    if (await change('recallSale', { heldId })) setCustomer(null);
  };
  const chooseCustomer = async (hit: CustomerHit | null) => {
    setCustomerOpen(false);
    if (await change('chooseCustomer', { customerId: hit?.id ?? null })) setCustomer(hit);
  };

  if (!sale) return problem ? <FormAlert>{problem}</FormAlert> : null;
  if (paying)
    return (
      <PayScreen
        sale={sale}
        setSale={setSale}
        change={change}
        problem={problem}
        onBack={() => setPaying(false)}
        onDone={() => {
          setPaying(false);
          setCustomer(null);
          void change('sale');
        }}
      />
    );
  const empty = sale.cart.lines.length === 0;
  const customerName = sale.cart.customerId ? (customer?.name ?? t.knownCustomer) : t.walkIn;

  return (
    <div className="grid min-h-0 flex-1 grid-cols-[minmax(0,1fr)_minmax(20rem,26rem)] gap-4 p-4 max-[1100px]:grid-cols-[minmax(0,1fr)_18rem] max-[1100px]:gap-3 max-[1100px]:p-3">
      <section className="flex min-h-0 flex-col gap-3">
        <ProductSearch
          inputRef={scanField}
          onPick={(hit) => void add(hit)}
          onCode={(code) => void scanned(code)}
        />
        {problem && <FormAlert>{problem}</FormAlert>}
        {notice && <FormAlert tone="success">{notice}</FormAlert>}
        <CartLines lines={sale.cart.lines} change={change} onScanSerial={scanSerialOf} />
      </section>
      <aside className="flex min-h-0 flex-col gap-3">
        <ShortcutButton shortcut="F4" onPress={() => setCustomerOpen(true)}>
          <span className="text-muted">{t.customer}:</span> <span data-testid="customer">{customerName}</span>
        </ShortcutButton>
        <TotalsPanel sale={sale} change={change} />
        <div className="grid grid-cols-2 gap-2">
          <ShortcutButton shortcut="F2" onPress={() => scanField.current?.focus()}>
            {t.search}
          </ShortcutButton>
          <ShortcutButton shortcut="F8" onPress={() => setHolding(true)} disabled={empty || holding}>
            {t.hold}
          </ShortcutButton>
          <ShortcutButton shortcut="F9" onPress={() => void openHeld()} disabled={!empty}>
            {t.recall}
          </ShortcutButton>
          <ShortcutButton
            onPress={() => void change('clearSale').then(() => setCustomer(null))}
            disabled={empty}
          >
            {t.newSale}
          </ShortcutButton>
          <ShortcutButton shortcut="F10" onPress={() => setReceiptsOpen(true)}>
            {t.receipts}
          </ShortcutButton>
          <ShortcutButton onPress={() => setBuildOpen(true)} disabled={sale.cart.payments.length > 0}>
            {b.openBuild}
          </ShortcutButton>
        </div>
        <ShortcutButton
          shortcut="F12"
          variant="primary"
          onPress={() => {
            setProblem(null);
            setPaying(true);
          }}
          disabled={empty}
          className="h-20 text-2xl"
        >
          {t.pay}
        </ShortcutButton>
      </aside>
      <CustomerDialog
        open={customerOpen}
        onOpenChange={setCustomerOpen}
        onChoose={(hit) => void chooseCustomer(hit)}
      />
      <SerialDialog
        line={serialLine}
        onSerial={(serial) => void addSerial(serial)}
        onClose={() => setSerialFor(null)}
      />
      <ApprovalDialog
        open={awaitingApproval !== null}
        reason={problem}
        onClose={() => setAwaitingApproval(null)}
        onApproved={() => {
          const refused = awaitingApproval;
          setAwaitingApproval(null);
          // Approved for this sale: the refused discount is given now, without typing it again.
          if (refused) void change(refused.command, refused.input);
        }}
      />
      <BuildDialog
        open={buildOpen}
        onAdd={(link) => void addBuild(link)}
        onClose={() => setBuildOpen(false)}
      />
      <HoldDialog open={holding} onHold={(note) => void hold(note)} onClose={() => setHolding(false)} />
      <HeldDialog held={held} onRecall={(id) => void recall(id)} onClose={() => setHeld(null)} />
      <RecentSalesDialog open={receiptsOpen} onClose={() => setReceiptsOpen(false)} />
    </div>
  );
}
