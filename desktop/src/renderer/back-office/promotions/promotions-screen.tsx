import {
  formatShopDateTime,
  formatUsd,
  ruleStates,
  type Coupon,
  type FlaggedSale,
  type Promotion,
  type RuleState,
} from '@shop/shared';
import { Badge, Button, FormAlert, SelectField, useLocale, useMessages } from '@shop/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { api, problemOf } from '../api';
import { PagedList, type Column } from '../paged-list';
import { asOnePage } from '../people/whole-list';
import { useCan } from '../products/holder';
import { categoryName, useBrands, useCategories } from '../products/taxonomy';
import { CouponDialog } from './coupon-form';
import { useProductName } from './product-choice';
import { PromotionDialog } from './promotion-form';
import { promotionTexts } from './texts';

const promotionsKey = ['promotions'] as const;
const couponsKey = ['coupons'] as const;

const stateTone: Record<RuleState, 'success' | 'info' | 'neutral' | 'warning'> = {
  live: 'success',
  scheduled: 'info',
  ended: 'neutral',
  paused: 'warning',
};

/**
 * Promotions and coupons: what is active, scheduled, ended or paused, with the uses and revenue of each. Admins
 * create, edit, pause and resume them (the server refuses staff); staff read them. Tab and filter are in the address.
 */
export function PromotionsScreen() {
  const t = useMessages(promotionTexts);
  const manages = useCan('promotions.manage');
  const [params, setParams] = useSearchParams();
  const asked = params.get('tab');
  const tab = asked === 'coupons' || asked === 'flagged' ? asked : 'promotions';
  const state = (ruleStates as readonly string[]).includes(params.get('state') ?? '')
    ? (params.get('state') as RuleState)
    : null;
  const choose = (key: string, value: string | null) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (value) next.set(key, value);
      else next.delete(key);
      return next;
    });

  return (
    <section className="max-w-6xl space-y-4">
      <header className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t.promotions}</h1>
        <div role="tablist" className="flex gap-1 rounded-lg bg-slate-100 p-1">
          {(['promotions', 'coupons', 'flagged'] as const).map((name) => (
            <button
              key={name}
              role="tab"
              type="button"
              aria-selected={tab === name}
              onClick={() => choose('tab', name === 'promotions' ? null : name)}
              className={`rounded-md px-4 py-1.5 font-medium ${tab === name ? 'bg-white shadow-sm' : 'text-muted'}`}
            >
              {t[name]}
            </button>
          ))}
        </div>
      </header>
      <p className="text-muted">{t.lead}</p>
      {!manages && <FormAlert tone="info">{t.readOnly}</FormAlert>}
      {tab !== 'flagged' && (
        <SelectField
          label={t.filterState}
          value={state ?? ''}
          onChange={(event) => choose('state', event.target.value || null)}
          className="max-w-xs"
        >
          <option value="">{t.all}</option>
          {ruleStates.map((s) => (
            <option key={s} value={s}>
              {t.stateName(s)}
            </option>
          ))}
        </SelectField>
      )}
      {tab === 'promotions' ? (
        <PromotionList state={state} manages={manages} />
      ) : tab === 'coupons' ? (
        <CouponList state={state} manages={manages} />
      ) : (
        <FlaggedSales />
      )}
    </section>
  );
}

function StateBadge({ state }: { state: RuleState }) {
  const t = useMessages(promotionTexts);
  return <Badge tone={stateTone[state]}>{t.stateName(state)}</Badge>;
}

function Days({ rule }: { rule: { startsOn: string | null; endsOn: string | null } }) {
  const t = useMessages(promotionTexts);
  if (!rule.startsOn && !rule.endsOn) return <>{t.always}</>;
  return (
    <span className="whitespace-nowrap">
      {[rule.startsOn && t.fromDay(rule.startsOn), rule.endsOn && t.untilDay(rule.endsOn)]
        .filter(Boolean)
        .join(' ')}
    </span>
  );
}

/** Pause or resume: one button, the state telling which. */
function PauseButton({ paused, busy, onClick }: { paused: boolean; busy: boolean; onClick: () => void }) {
  const t = useMessages(promotionTexts);
  return (
    <Button variant="secondary" size="sm" busy={busy} onClick={onClick}>
      {paused ? t.resume : t.pause}
    </Button>
  );
}

function usageColumns<Item extends { uses: number; discountCents: number; revenueCents: number }>(
  t: { uses: string; discount: string; revenue: string },
  uses: (item: Item) => ReactNode = (item) => item.uses,
): Column<Item>[] {
  return [
    { key: 'uses', header: t.uses, align: 'right', cell: uses },
    { key: 'discount', header: t.discount, align: 'right', cell: (item) => formatUsd(item.discountCents) },
    { key: 'revenue', header: t.revenue, align: 'right', cell: (item) => formatUsd(item.revenueCents) },
  ];
}

function PromotionList({ state, manages }: { state: RuleState | null; manages: boolean }) {
  const t = useMessages(promotionTexts);
  const queries = useQueryClient();
  const [editing, setEditing] = useState<Promotion | 'new' | null>(null);
  const list = useQuery({
    queryKey: promotionsKey,
    queryFn: () => api.listPromotions({}),
    select: ({ items }) => asOnePage({ items: state ? items.filter((p) => p.state === state) : items }),
  });
  const refresh = () => void queries.invalidateQueries({ queryKey: promotionsKey });
  const pause = useMutation({
    mutationFn: (p: Promotion) =>
      p.paused ? api.resumePromotion({ params: { id: p.id } }) : api.pausePromotion({ params: { id: p.id } }),
    onSuccess: refresh,
  });
  const columns: Column<Promotion>[] = [
    { key: 'name', header: t.name, cell: (p) => <span className="font-medium">{p.name}</span> },
    { key: 'what', header: t.what, cell: (p) => <PromotionWhat promotion={p} /> },
    { key: 'days', header: t.days, cell: (p) => <Days rule={p} /> },
    { key: 'state', header: t.state, cell: (p) => <StateBadge state={p.state} /> },
    ...usageColumns<Promotion>(t),
    ...(manages
      ? [
          {
            key: 'actions',
            header: '',
            cell: (p: Promotion) => (
              <span className="flex justify-end gap-2">
                <Button variant="secondary" size="sm" onClick={() => setEditing(p)}>
                  {t.edit}
                </Button>
                <PauseButton
                  paused={p.paused}
                  busy={pause.isPending && pause.variables?.id === p.id}
                  onClick={() => pause.mutate(p)}
                />
              </span>
            ),
          },
        ]
      : []),
  ];
  return (
    <div className="space-y-3">
      {manages && (
        <div className="flex justify-end">
          <Button onClick={() => setEditing('new')}>{t.newPromotion}</Button>
        </div>
      )}
      {pause.isError && <FormAlert>{problemOf(pause.error)}</FormAlert>}
      <PagedList label={t.promotions} query={list} columns={columns} rowKey={(p) => p.id} onPage={() => {}} />
      {editing && (
        <PromotionDialog
          key={editing === 'new' ? 'new' : editing.id}
          promotion={editing === 'new' ? null : editing}
          open
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            refresh();
          }}
        />
      )}
    </div>
  );
}

/** What a promotion does, in a few words: "RTX 5070 at $499.99", "10% off ASUS", "from $500: $20 off". */
function PromotionWhat({ promotion: p }: { promotion: Promotion }) {
  const t = useMessages(promotionTexts);
  const { locale } = useLocale();
  const categories = useCategories();
  const brands = useBrands();
  const productName = useProductName(
    p.kind === 'sale_price' ? p.productId : p.kind === 'free_item' ? p.freeProductId : '',
  );
  const off =
    'percent' in p && p.percent !== null
      ? t.percentText(p.percent)
      : 'amountCents' in p && p.amountCents !== null
        ? t.amountText(formatUsd(p.amountCents))
        : '';
  const min =
    'minTotalCents' in p && p.minTotalCents !== null ? `${t.minText(formatUsd(p.minTotalCents))}: ` : '';
  const kind = <span className="text-muted">{t.kindName(p.kind)} · </span>;
  switch (p.kind) {
    case 'sale_price':
      return (
        <span>
          {kind}
          {`${productName ?? '…'} ${t.saleText(formatUsd(p.salePriceCents))}`}
        </span>
      );
    case 'category_off': {
      const category = categories.data?.find((c) => c.id === p.categoryId);
      return (
        <span>
          {kind}
          {`${off}, ${category ? categoryName(category, locale) : '…'}`}
        </span>
      );
    }
    case 'brand_off':
      return (
        <span>
          {kind}
          {`${off}, ${brands.data?.find((b) => b.id === p.brandId)?.name ?? '…'}`}
        </span>
      );
    case 'cart_discount':
      return (
        <span>
          {kind}
          {`${min}${off}`}
        </span>
      );
    case 'free_item':
      return (
        <span>
          {kind}
          {`${min}${p.freeQuantity} × ${productName ?? '…'}`}
        </span>
      );
    case 'free_delivery':
      return (
        <span>
          {kind}
          {min}
        </span>
      );
  }
}

function CouponList({ state, manages }: { state: RuleState | null; manages: boolean }) {
  const t = useMessages(promotionTexts);
  const queries = useQueryClient();
  const [editing, setEditing] = useState<Coupon | 'new' | null>(null);
  const list = useQuery({
    queryKey: couponsKey,
    queryFn: () => api.listCoupons({}),
    select: ({ items }) => asOnePage({ items: state ? items.filter((c) => c.state === state) : items }),
  });
  const refresh = () => void queries.invalidateQueries({ queryKey: couponsKey });
  const pause = useMutation({
    mutationFn: (c: Coupon) =>
      c.paused ? api.resumeCoupon({ params: { id: c.id } }) : api.pauseCoupon({ params: { id: c.id } }),
    onSuccess: refresh,
  });
  const columns: Column<Coupon>[] = [
    { key: 'code', header: t.code, cell: (c) => <span className="font-mono font-semibold">{c.code}</span> },
    { key: 'name', header: t.name, cell: (c) => c.name },
    {
      key: 'what',
      header: t.what,
      cell: (c) =>
        [
          c.percent !== null ? t.percentText(c.percent) : t.amountText(formatUsd(c.amountCents ?? 0)),
          c.minTotalCents !== null && t.minText(formatUsd(c.minTotalCents)),
          c.channels.map((ch) => (ch === 'web' ? t.web : t.pos)).join(' + '),
        ]
          .filter(Boolean)
          .join(' · '),
    },
    { key: 'days', header: t.days, cell: (c) => <Days rule={c} /> },
    { key: 'state', header: t.state, cell: (c) => <StateBadge state={c.state} /> },
    ...usageColumns<Coupon>(t, (c) => t.limitText(c.uses, c.maxUses)),
    ...(manages
      ? [
          {
            key: 'actions',
            header: '',
            cell: (c: Coupon) => (
              <span className="flex justify-end gap-2">
                <Button variant="secondary" size="sm" onClick={() => setEditing(c)}>
                  {t.edit}
                </Button>
                <PauseButton
                  paused={c.paused}
                  busy={pause.isPending && pause.variables?.id === c.id}
                  onClick={() => pause.mutate(c)}
                />
              </span>
            ),
          },
        ]
      : []),
  ];
  return (
    <div className="space-y-3">
      {manages && (
        <div className="flex justify-end">
          <Button onClick={() => setEditing('new')}>{t.newCoupon}</Button>
        </div>
      )}
      {pause.isError && <FormAlert>{problemOf(pause.error)}</FormAlert>}
      <PagedList label={t.coupons} query={list} columns={columns} rowKey={(c) => c.id} onPage={() => {}} />
      {editing && (
        <CouponDialog
          key={editing === 'new' ? 'new' : editing.id}
          coupon={editing === 'new' ? null : editing}
          open
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            refresh();
          }}
        />
      )}
    </div>
  );
}

/**
 * Counter sales charged less than the server's promotions would have (a promotion ended while the counter was
 * offline): applied at the counter's price, listed here for staff to look into.
 */
function FlaggedSales() {
  const t = useMessages(promotionTexts);
  const { locale } = useLocale();
  const list = useQuery({
    queryKey: ['price-flags'],
    queryFn: () => api.listFlaggedSales({}),
    select: asOnePage,
  });
  const columns: Column<FlaggedSale>[] = [
    { key: 'number', header: t.order, cell: (f) => <span className="font-mono">{f.number}</span> },
    { key: 'receipt', header: t.receipt, cell: (f) => f.receiptNumber ?? '—' },
    { key: 'at', header: t.soldAt, cell: (f) => formatShopDateTime(f.at, locale) },
    { key: 'expected', header: t.expected, align: 'right', cell: (f) => formatUsd(f.expectedCents) },
    { key: 'charged', header: t.charged, align: 'right', cell: (f) => formatUsd(f.chargedCents) },
    {
      key: 'short',
      header: t.short,
      align: 'right',
      cell: (f) => <Badge tone="warning">{formatUsd(f.expectedCents - f.chargedCents)}</Badge>,
    },
  ];
  return (
    <div className="space-y-3">
      <p className="text-muted">{t.flaggedLead}</p>
      <PagedList
        label={t.flagged}
        query={list}
        columns={columns}
        rowKey={(f) => f.orderId}
        onPage={() => {}}
      />
    </div>
  );
}
