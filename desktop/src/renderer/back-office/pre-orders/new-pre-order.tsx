import type { Currency, Order } from '@shop/shared';
import {
  Button,
  EmailField,
  FormAlert,
  PhoneField,
  SelectField,
  TextField,
  useLocale,
  useMessages,
} from '@shop/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useState, type FormEvent } from 'react';
import { KhqrCard, minutesAndSeconds, useNow } from '../../pay/khqr-card';
import { printFrame, useFrame } from '../../receipts/document-frame';
import { api, problemOf, isApiError } from '../api';
import { formatMoney } from '../orders/money';
import {
  checkDraft,
  depositIn,
  findPreOrderable,
  quotePreOrder,
  type PreOrderDraft,
  type PreOrderable,
} from './counter-pre-order';
import { preOrderTexts } from './texts';

/** A shop day (`YYYY-MM-DD`) as people read it: "1 February 2027". */
function dayText(day: string, locale: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString(locale === 'km' ? 'km-KH' : 'en-GB', {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
}

const escaped = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The acknowledgement as a page of its own, printed from a frame (the back office around it is not printed). */
function ackHtml(title: string, rows: [string, string][], note: string): string {
  const lines = rows.map(([label, value]) => `<tr><th>${escaped(label)}</th><td>${escaped(value)}</td></tr>`);
  return (
    '<!doctype html><meta charset="utf-8"><style>body{font:14px sans-serif;margin:12mm}' +
    'th{text-align:left;font-weight:normal;color:#555;padding:2px 16px 2px 0}td{padding:2px 0}</style>' +
    `<h1 style="font-size:18px">${escaped(title)}</h1><table>${lines.join('')}</table><p>${escaped(note)}</p>`
  );
}

const blankDraft: PreOrderDraft = {
  product: null,
  quantity: 1,
  currency: 'USD',
  name: '',
  phone: '',
  email: '',
  depositBy: 'cash',
  tendered: '',
};

/**
 * A pre-order taken at the counter (decision 0019): a product out of stock that takes pre-orders, the customer, the
 * deposit in dollars and riel as the server will ask it, paid in cash (change shown) or by KHQR (its QR shown until
 * the payment job sees it paid). The server's route decides; its refusals are shown as they come.
 */
export function NewPreOrder({ onClose }: { onClose: () => void }) {
  const t = useMessages(preOrderTexts);
  const queries = useQueryClient();
  const [draft, setDraft] = useState<PreOrderDraft>(blankDraft);
  const [shown, setShown] = useState(false);
  const [taken, setTaken] = useState<{ order: Order; product: PreOrderable; change: number } | null>(null);
  const shop = useQuery({ queryKey: ['shop-info'], queryFn: () => api.getShopInfo({}) });
  const quote =
    draft.product && shop.data ? quotePreOrder(draft.product, draft.quantity, shop.data.rielPerUsd) : null;
  const check = checkDraft(draft, quote);
  const set = (patch: Partial<PreOrderDraft>) => setDraft((d) => ({ ...d, ...patch }));

  const take = useMutation({
    mutationFn: (body: Extract<typeof check, { ok: true }>['body']) => api.placeCounterPreOrder({ body }),
    onSuccess: (order) => {
      if (check.ok && draft.product) setTaken({ order, product: draft.product, change: check.change });
      void queries.invalidateQueries({ queryKey: ['pre-orders'] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setShown(true);
    if (check.ok) take.mutate(check.body);
  };

  if (taken)
    return (
      <Taken
        taken={taken}
        onAnother={() => {
          setTaken(null);
          setDraft(blankDraft);
          setShown(false);
          take.reset();
        }}
        onClose={onClose}
      />
    );

  const errors = shown && !check.ok ? check.errors : {};
  const message = (code: string | undefined, kind: 'name' | 'phone' | 'email' | 'tendered' | 'product') => {
    if (!code) return undefined;
    if (kind === 'product') return t.errRequired;
    if (kind === 'tendered') return code === 'short' ? t.errShort : t.errAmount;
    return { name: t.errName, phone: t.errPhone, email: t.errEmail }[kind];
  };
  const serverFields = isApiError(take.error) ? take.error.fields : {};
  const deposit = quote ? depositIn(quote, draft.currency) : 0;
  return (
    <form
      onSubmit={submit}
      className="space-y-4 rounded-card border border-line bg-white p-4"
      aria-label={t.newTitle}
      data-testid="new-pre-order"
      noValidate
    >
      <div className="flex items-start justify-between gap-4">
        <div>
          <h2 className="text-lg font-semibold">{t.newTitle}</h2>
          <p className="text-sm text-muted">{t.newLead}</p>
        </div>
        <Button type="button" variant="secondary" size="sm" onClick={onClose}>
          {t.closeForm}
        </Button>
      </div>
      <ProductChoice
        product={draft.product}
        onPick={(product) => set({ product })}
        error={message(errors.product, 'product') ?? serverFields.productId}
      />
      {draft.product && (
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            label={t.quantity}
            value={draft.quantity}
            onChange={(e) => set({ quantity: Number(e.target.value) })}
          >
            {[1, 2, 3, 4, 5].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t.currency}
            value={draft.currency}
            onChange={(e) => set({ currency: e.target.value as Currency, tendered: '' })}
          >
            <option value="USD">{t.usd}</option>
            <option value="KHR">{t.khr}</option>
          </SelectField>
          <TextField
            label={t.customerName}
            value={draft.name}
            autoComplete="off"
            onChange={(e) => set({ name: e.target.value })}
            error={message(errors.name, 'name') ?? serverFields['customer.name']}
          />
          <PhoneField
            label={t.phone}
            value={draft.phone}
            autoComplete="off"
            onChange={(e) => set({ phone: e.target.value })}
            error={message(errors.phone, 'phone') ?? serverFields['customer.phone']}
          />
          <EmailField
            label={t.email}
            value={draft.email}
            autoComplete="off"
            onChange={(e) => set({ email: e.target.value })}
            error={message(errors.email, 'email') ?? serverFields['customer.email']}
          />
        </div>
      )}
      {draft.product && quote && (
        <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-1 rounded-lg bg-slate-50 px-4 py-3 text-sm">
          <dt className="text-muted">{t.total}</dt>
          <dd className="tabular-nums" data-testid="pre-order-total">
            {formatMoney(quote.totalCents, 'USD')} · {formatMoney(quote.totalKhr, 'KHR')}
          </dd>
          <dt className="font-semibold">{t.depositDue}</dt>
          <dd className="text-lg font-bold tabular-nums" data-testid="pre-order-deposit">
            {formatMoney(quote.depositCents, 'USD')} · {formatMoney(quote.depositKhr, 'KHR')}
          </dd>
          {deposit === 0 && <dd className="col-span-2 text-muted">{t.noDeposit}</dd>}
        </dl>
      )}
      {draft.product && deposit > 0 && (
        <fieldset className="space-y-3">
          <legend className="text-sm font-medium">{t.depositBy}</legend>
          <div className="flex gap-2">
            {(['cash', 'khqr'] as const).map((by) => (
              <label
                key={by}
                className={`flex cursor-pointer items-center gap-2 rounded-lg border px-4 py-2 ${draft.depositBy === by ? 'border-brand-500 bg-brand-50' : 'border-line'}`}
              >
                <input
                  type="radio"
                  name="depositBy"
                  value={by}
                  checked={draft.depositBy === by}
                  onChange={() => set({ depositBy: by })}
                />
                {by === 'cash' ? t.cash : t.khqr}
              </label>
            ))}
          </div>
          {draft.depositBy === 'cash' && (
            <div className="max-w-xs space-y-1">
              <TextField
                label={t.tendered}
                hint={t.tenderedHint}
                inputMode="decimal"
                value={draft.tendered}
                placeholder={formatMoney(deposit, draft.currency)}
                onChange={(e) => set({ tendered: e.target.value })}
                error={message(errors.tendered, 'tendered') ?? serverFields.tendered}
              />
              {check.ok && check.change > 0 && (
                <p className="font-semibold" data-testid="pre-order-change">
                  {t.changeDue(formatMoney(check.change, draft.currency))}
                </p>
              )}
            </div>
          )}
        </fieldset>
      )}
      {take.error && (
        <FormAlert>
          {t.failed} {problemOf(take.error)}
        </FormAlert>
      )}
      <div className="flex justify-end">
        <Button type="submit" busy={take.isPending} disabled={!draft.product}>
          {t.take}
        </Button>
      </div>
    </form>
  );
}

/** Search among products out of stock that take pre-orders; the picked one with its terms. */
function ProductChoice({
  product,
  onPick,
  error,
}: {
  product: PreOrderable | null;
  onPick: (product: PreOrderable | null) => void;
  error: string | undefined;
}) {
  const t = useMessages(preOrderTexts);
  const { locale } = useLocale();
  const [text, setText] = useState('');
  const [search, setSearch] = useState('');
  const found = useQuery({
    queryKey: ['pre-orderable', search],
    queryFn: () => findPreOrderable(api, search),
    enabled: search !== '',
  });
  if (product)
    return (
      <div
        className="flex items-center gap-4 rounded-lg border border-line p-3"
        data-testid="pre-order-product"
      >
        <div className="flex-1">
          <p className="font-semibold">{product.name}</p>
          <p className="text-sm text-muted">
            <span className="font-mono">{product.sku}</span> · {formatMoney(product.priceCents, 'USD')} ·{' '}
            {t.terms(
              product.preOrder.depositPercent,
              product.preOrder.expectedOn && dayText(product.preOrder.expectedOn, locale),
            )}
          </p>
        </div>
        <Button type="button" variant="secondary" size="sm" onClick={() => onPick(null)}>
          {t.change}
        </Button>
      </div>
    );
  const look = () => setSearch(text.trim());
  return (
    <div className="space-y-2">
      <div className="flex items-end gap-2">
        <TextField
          className="flex-1"
          label={t.findProduct}
          inputMode="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            e.preventDefault();
            look();
          }}
          error={error}
        />
        <Button type="button" variant="secondary" onClick={look} busy={found.isFetching}>
          {t.find}
        </Button>
      </div>
      {found.error && (
        <FormAlert>
          {t.failed} {problemOf(found.error)}
        </FormAlert>
      )}
      {found.data && found.data.length === 0 && <p className="text-muted">{t.noPreOrderable}</p>}
      {found.data && found.data.length > 0 && (
        <ul className="divide-y divide-line rounded-lg border border-line">
          {found.data.map((match) => (
            <li key={match.id} className="flex items-center gap-3 px-3 py-2">
              <span className="font-mono text-sm">{match.sku}</span>
              <span className="flex-1">{match.name}</span>
              <span className="text-sm text-muted">{formatMoney(match.priceCents, 'USD')}</span>
              <Button type="button" size="sm" variant="secondary" onClick={() => onPick(match)}>
                {t.pick}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The pre-order just taken: its KHQR until paid (the payment job's word, polled), the change, a paper to print. */
function Taken({
  taken,
  onAnother,
  onClose,
}: {
  taken: { order: Order; product: PreOrderable; change: number };
  onAnother: () => void;
  onClose: () => void;
}) {
  const t = useMessages(preOrderTexts);
  const queries = useQueryClient();
  const { order } = taken;
  const awaitingQr = order.status === 'preorder_deposit';
  const payment = useQuery({
    queryKey: ['pre-order-payment', order.id],
    queryFn: async () => {
      const view = await api.getOrderPayment({ params: { id: order.id } });
      if (view.status === 'paid') void queries.invalidateQueries({ queryKey: ['pre-orders'] });
      return view;
    },
    enabled: awaitingQr,
    refetchInterval: (query) => (query.state.data?.status === 'pending' ? 2_000 : false),
  });
  const now = useNow();
  const info = order.preOrder!;
  const paid = awaitingQr ? payment.data?.status === 'paid' : true;
  const depositPaid = paid ? info.deposit : info.depositPaid;
  const total = order.currency === 'KHR' ? order.totalKhr : order.totalCents;
  const frame = useFrame();
  const ackRows: [string, string][] = [
    [t.order, order.number],
    [t.customer, order.customer.name],
    [t.ackProduct, `${taken.product.name} × ${order.items.reduce((n, item) => n + item.quantity, 0)}`],
    [t.total, formatMoney(total, order.currency)],
    [t.ackDepositPaid, formatMoney(depositPaid, order.currency)],
    [t.ackToPay, formatMoney(total - depositPaid, order.currency)],
  ];
  return (
    <section className="space-y-4 rounded-card border border-line bg-white p-4" data-testid="pre-order-taken">
      <FormAlert tone="success">{t.taken(order.number)}</FormAlert>
      {taken.change > 0 && (
        <p className="text-lg font-semibold" data-testid="pre-order-change">
          {t.changeDue(formatMoney(taken.change, order.currency))}
        </p>
      )}
      {awaitingQr && payment.data && payment.data.status !== 'paid' && (
        <div className="space-y-2">
          {payment.data.status === 'pending' ? (
            <KhqrCard
              khqr={payment.data.khqr}
              heading={`${t.scanDeposit} ${order.number}`}
              amount={formatMoney(payment.data.amount, payment.data.currency)}
              footer={`${t.waiting} ${minutesAndSeconds(payment.data.expiresAt - now)}`}
            />
          ) : (
            <FormAlert>{t.qrExpired}</FormAlert>
          )}
        </div>
      )}
      {payment.error && (
        <FormAlert>
          {t.failed} {problemOf(payment.error)}
        </FormAlert>
      )}
      {awaitingQr && paid && (
        <p className="text-lg font-semibold text-emerald-700" data-testid="pre-order-paid">
          {t.depositPaid}
        </p>
      )}
      {paid && (
        <div className="rounded-lg border border-dashed border-line p-4" data-testid="pre-order-ack">
          <h3 className="font-semibold">{t.ackTitle}</h3>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-6 gap-y-1 text-sm">
            {ackRows.map(([label, value]) => (
              <Fragment key={label}>
                <dt className="text-muted">{label}</dt>
                <dd className="tabular-nums">{value}</dd>
              </Fragment>
            ))}
          </dl>
          <p className="mt-2 text-sm">{t.ackNote}</p>
          <iframe
            ref={frame}
            title={t.ackTitle}
            srcDoc={ackHtml(t.ackTitle, ackRows, t.ackNote)}
            sandbox="allow-same-origin allow-modals"
            className="pointer-events-none fixed -left-[9999px] size-px"
            aria-hidden
            tabIndex={-1}
          />
        </div>
      )}
      <div className="flex flex-wrap justify-end gap-2">
        {paid && (
          <Button type="button" variant="secondary" onClick={() => printFrame(frame.current)}>
            {t.printAck}
          </Button>
        )}
        <Button type="button" variant="secondary" onClick={onAnother}>
          {t.another}
        </Button>
        <Button type="button" onClick={onClose}>
          {t.closeForm}
        </Button>
      </div>
    </section>
  );
}
