import { Badge, Button, EmptyState, FormAlert, Skeleton, useLocale, useMessages } from '@shop/ui';
import {
  fitReasonText,
  formatKhr,
  formatUsd,
  multiPartSlots,
  pcSlotLabel,
  pcSlots,
  type BuildPick,
  type BuildView,
  type BuilderCandidate,
  type PcSlot,
} from '@shop/shared';
import { Check, ChevronDown, Link2, Printer, Share2, ShoppingCart, Trash2, Zap } from 'lucide-react';
import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { useAddBuildToCart, useBuilderCandidates, useSaveBuild, useSavedBuild } from '../api/builder';
import { isApiError } from '../api/client';
import { builderText } from '../builder/messages';
import { PageHeading } from '../ui/page';
import { Price } from '../ui/price';
import { QueryError } from '../ui/query-error';
import { useToast } from '../ui/toast';

type Texts = typeof builderText.en;

/**
 * `/builder` and `/builder/:id`: a PC built step by step, phone first. Each step asks the server for its parts with
 * the shared rules' verdict on the picks so far, lists what fits and, on demand, what does not with the reason. A
 * saved build opens by its link: its owner saves over it, anyone else's changes become a new link.
 */
export function BuilderPage() {
  const { id } = useParams();
  // Set by the save that led here: the link is offered to share, which a visitor who opened it needs not be.
  const justSaved = (useLocation().state as { saved?: boolean } | null)?.saved === true;
  const t = useMessages(builderText);
  const saved = useSavedBuild(id);
  const [picks, setPicks] = useState<BuildPick[]>([]);
  const [openSlot, setOpenSlot] = useState<PcSlot | null>('cpu');
  const [changed, setChanged] = useState(false);

  // A saved build's picks become the ones being edited, once per link opened.
  useEffect(() => {
    if (saved.data) {
      setPicks(saved.data.picks);
      setOpenSlot(null);
      setChanged(false);
    }
  }, [saved.data]);

  // One request per change: the open step's parts, whose answer also carries the whole build's view.
  const current = useBuilderCandidates(openSlot ?? 'cooler', picks);
  const view = current.data?.build;

  if (id && saved.isError && isApiError(saved.error, 404))
    return (
      <EmptyState title={t.notFound}>
        <p>{t.notFoundText}</p>
        <Link to="/builder" className="mt-3 inline-block font-semibold text-brand-700 underline">
          {t.startNew}
        </Link>
      </EmptyState>
    );
  if (id && saved.isError) return <QueryError title={t.loadFailed} retry={saved.refetch} />;
  if (id && saved.isPending) return <Skeleton className="h-96 w-full" />;

  const edit = (next: BuildPick[]) => {
    setPicks(next);
    setChanged(true);
  };
  const choose = (slot: PcSlot, productId: string) => {
    if (multiPartSlots.has(slot)) edit([...picks, { slot, productId, quantity: 1 }]);
    else {
      edit([...picks.filter((p) => p.slot !== slot), { slot, productId, quantity: 1 }]);
      const next = pcSlots[pcSlots.indexOf(slot) + 1];
      setOpenSlot(next && !picks.some((p) => p.slot === next) ? next : null);
    }
  };
  const removeAt = (index: number) => edit(picks.filter((_, i) => i !== index));

  return (
    <div className="pb-36 lg:pb-0 print:pb-0">
      <PageHeading title={t.title} className="mb-2 print:hidden" />
      <p className="mb-4 text-sm text-muted print:hidden">
        {saved.data ? (saved.data.mine ? t.mineIntro : t.sharedIntro) : t.intro}
      </p>
      <div className="grid grid-cols-[minmax(0,1fr)] gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <ol className="space-y-3 print:hidden">
          {pcSlots.map((slot, index) => (
            <Step
              key={slot}
              slot={slot}
              number={index + 1}
              picks={picks}
              view={view}
              candidates={openSlot === slot ? current : undefined}
              open={openSlot === slot}
              onToggle={() => setOpenSlot(openSlot === slot ? null : slot)}
              onChoose={(productId) => choose(slot, productId)}
              onRemove={removeAt}
            />
          ))}
        </ol>
        <Summary
          picks={picks}
          view={view}
          savedId={saved.data?.mine ? saved.data.id : undefined}
          shareLink={
            saved.data && !changed && (saved.data.mine || justSaved)
              ? `${window.location.origin}/builder/${saved.data.id}`
              : null
          }
          onStartOver={() => {
            edit([]);
            setOpenSlot('cpu');
          }}
        />
      </div>
    </div>
  );
}

/** One step: what was chosen, and when open, the parts that fit (and, folded away, those that do not). */
function Step({
  slot,
  number,
  picks,
  view,
  candidates,
  open,
  onToggle,
  onChoose,
  onRemove,
}: {
  slot: PcSlot;
  number: number;
  picks: BuildPick[];
  view: BuildView | undefined;
  candidates: ReturnType<typeof useBuilderCandidates> | undefined;
  open: boolean;
  onToggle: () => void;
  onChoose: (productId: string) => void;
  onRemove: (index: number) => void;
}) {
  const t = useMessages(builderText);
  const { locale } = useLocale();
  const parts = view?.parts ?? [];
  const chosen = picks
    .map((pick, index) => ({ pick, index }))
    .filter(({ pick }) => pick.slot === slot)
    .map(({ pick, index }) => ({ index, part: parts.find((p) => p.product.id === pick.productId) }));
  const label = pcSlotLabel(slot, locale);

  return (
    <li className="rounded-card border border-line bg-white shadow-sm" data-step={slot}>
      <button
        type="button"
        onClick={onToggle}
        aria-expanded={open}
        className="flex w-full items-center gap-3 px-4 py-3 text-left"
      >
        <span
          className={`grid size-8 shrink-0 place-items-center rounded-full text-sm font-bold ${
            chosen.length > 0 ? 'bg-emerald-600 text-white' : 'bg-slate-100 text-slate-700'
          }`}
        >
          {chosen.length > 0 ? <Check className="size-4" aria-hidden="true" /> : number}
        </span>
        <span className="min-w-0 flex-1">
          <span className="block font-semibold">{label}</span>
          <span className="block truncate text-sm text-muted" data-chosen>
            {chosen.length > 0 ? chosen.map((c) => c.part?.product.name ?? '…').join(', ') : t.notChosen}
          </span>
        </span>
        <ChevronDown
          className={`size-5 shrink-0 text-muted transition-transform ${open ? 'rotate-180' : ''}`}
          aria-hidden="true"
        />
      </button>
      {chosen.length > 0 && multiPartSlots.has(slot) && (
        <ul className="space-y-1 px-4 pb-2">
          {chosen.map(({ index, part }) => (
            <li key={index} className="flex items-center justify-between gap-2 text-sm">
              <span className="min-w-0 truncate">{part?.product.name ?? '…'}</span>
              <button
                type="button"
                onClick={() => onRemove(index)}
                className="grid size-9 place-items-center rounded-lg text-red-700 hover:bg-red-50"
                aria-label={t.remove(part?.product.name ?? '')}
              >
                <Trash2 className="size-4" aria-hidden="true" />
              </button>
            </li>
          ))}
        </ul>
      )}
      {open && candidates && (
        <div className="border-t border-line px-3 py-3 sm:px-4">
          {candidates.isError ? (
            <QueryError title={t.loadFailed} retry={candidates.refetch} />
          ) : candidates.isPending || candidates.data?.slot !== slot ? (
            <div className="space-y-2" aria-label={t.loading}>
              <Skeleton className="h-20 w-full" />
              <Skeleton className="h-20 w-full" />
            </div>
          ) : (
            <CandidateList
              slot={slot}
              items={candidates.data?.items ?? []}
              chosenIds={chosen.map((c) => c.part?.product.id)}
              onChoose={onChoose}
            />
          )}
        </div>
      )}
    </li>
  );
}

function CandidateList({
  slot,
  items,
  chosenIds,
  onChoose,
}: {
  slot: PcSlot;
  items: BuilderCandidate[];
  chosenIds: (string | undefined)[];
  onChoose: (productId: string) => void;
}) {
  const t = useMessages(builderText);
  const [showMisfits, setShowMisfits] = useState(false);
  const fitting = items.filter((i) => i.fits);
  const misfits = items.filter((i) => !i.fits);
  return (
    <div>
      <p className="mb-2 text-sm text-muted">{fitting.length > 0 ? t.fitting(fitting.length) : t.noneFit}</p>
      <ul className="space-y-2" aria-label={t.fitting(fitting.length)}>
        {fitting.map((item) => (
          <PartRow
            key={item.product.id}
            item={item}
            action={
              multiPartSlots.has(slot) ? t.add : chosenIds.includes(item.product.id) ? t.chosen : t.choose
            }
            chosen={!multiPartSlots.has(slot) && chosenIds.includes(item.product.id)}
            onChoose={() => onChoose(item.product.id)}
          />
        ))}
      </ul>
      {misfits.length > 0 && (
        <div className="mt-3">
          <button
            type="button"
            onClick={() => setShowMisfits(!showMisfits)}
            aria-expanded={showMisfits}
            className="text-sm font-semibold text-brand-700 underline-offset-2 hover:underline"
          >
            {showMisfits ? t.hideMisfits : t.showMisfits(misfits.length)}
          </button>
          {showMisfits && (
            <ul className="mt-2 space-y-2" data-misfits>
              {misfits.map((item) => (
                <PartRow key={item.product.id} item={item} />
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}

function PartRow({
  item,
  action,
  chosen = false,
  onChoose,
}: {
  item: BuilderCandidate;
  action?: string;
  chosen?: boolean;
  onChoose?: () => void;
}) {
  const t = useMessages(builderText);
  const { locale } = useLocale();
  const soldOut = item.available <= 0;
  return (
    <li
      className={`flex gap-3 rounded-lg border p-3 ${
        chosen ? 'border-emerald-500 bg-emerald-50' : item.fits ? 'border-line' : 'border-line bg-slate-50'
      }`}
      data-part={item.product.sku}
    >
      <div className="min-w-0 flex-1">
        <Link to={`/products/${item.product.slug}`} className="font-medium leading-snug hover:underline">
          {item.product.name}
        </Link>
        <p className="mt-0.5 text-xs text-muted">
          {(locale === 'km' ? item.product.keySpecsKm : item.product.keySpecs).join(' · ')}
        </p>
        <div className="mt-1 flex flex-wrap items-center gap-2">
          <Price cents={item.product.priceCents} size="sm" />
          {soldOut ? (
            <Badge tone="danger">{t.outOfStock}</Badge>
          ) : (
            <Badge tone={item.available <= 3 ? 'warning' : 'success'}>{t.inStockCount(item.available)}</Badge>
          )}
        </div>
        {!item.fits && (
          <ul className="mt-1 space-y-0.5 text-sm text-red-800" aria-label={t.doesNotFit}>
            {item.reasons.map((reason) => (
              <li key={reason.code} data-reason={reason.code}>
                {fitReasonText(reason, locale)}
              </li>
            ))}
          </ul>
        )}
      </div>
      {onChoose && action && (
        <Button
          variant={chosen ? 'secondary' : 'primary'}
          size="sm"
          className="self-center"
          disabled={soldOut || chosen}
          onClick={onChoose}
          aria-label={`${action}: ${item.product.name}`}
        >
          {action}
        </Button>
      )}
    </li>
  );
}

/** The running total, power and problems; add to cart, save and share, print. On phones a bar at the bottom. */
function Summary({
  picks,
  view,
  savedId,
  shareLink: link,
  onStartOver,
}: {
  picks: BuildPick[];
  view: BuildView | undefined;
  /** The caller's own saved build: saving updates it. */
  savedId: string | undefined;
  shareLink: string | null;
  onStartOver: () => void;
}) {
  const t = useMessages(builderText);
  const { locale } = useLocale();
  const navigate = useNavigate();
  const notify = useToast();
  const addToCart = useAddBuildToCart();
  const save = useSaveBuild();

  const onAdd = () =>
    addToCart.mutate(picks, {
      onSuccess: () => {
        notify({ title: t.added });
        void navigate('/cart');
      },
    });
  const onSave = () =>
    save.mutate(
      { id: savedId, picks },
      {
        onSuccess: (build) =>
          void navigate(`/builder/${build.id}`, { replace: savedId !== undefined, state: { saved: true } }),
      },
    );

  const totals = (
    <>
      <div className="flex items-baseline justify-between gap-2">
        <span className="text-sm font-semibold">
          {t.total} · {t.parts(picks.length)}
        </span>
        <span className="text-right" data-total>
          <span className="block text-lg font-bold tabular-nums">{formatUsd(view?.total.usdCents ?? 0)}</span>
          <span className="block text-xs text-muted tabular-nums">≈ {formatKhr(view?.total.khr ?? 0)}</span>
        </span>
      </div>
      <p className="flex items-center gap-1 text-xs text-muted" data-watts>
        <Zap className="size-3.5" aria-hidden="true" />
        {t.watts(view?.estimatedWatts ?? 0)} · {t.psuHint(view?.recommendedPsuWatts ?? 0)}
      </p>
    </>
  );
  const addButton = (
    <Button
      variant="accent"
      className="w-full"
      onClick={onAdd}
      busy={addToCart.isPending}
      disabled={picks.length === 0 || (view?.problems.length ?? 0) > 0}
    >
      <ShoppingCart className="size-4" aria-hidden="true" />
      {t.addToCart}
    </Button>
  );

  return (
    <aside className="lg:sticky lg:top-24 lg:self-start">
      <Quote picks={picks} view={view} link={link} texts={t} />
      {/* Phones: the total and the one big button stay at the bottom of the screen while the steps scroll. */}
      <div className="fixed inset-x-0 bottom-0 z-20 space-y-2 border-t border-line bg-white px-4 py-2 shadow-[0_-4px_12px_rgba(0,0,0,0.06)] lg:hidden print:hidden">
        {totals}
        {addButton}
      </div>
      <section
        aria-label={t.summary}
        className="space-y-3 rounded-card border border-line bg-white p-4 shadow-sm print:hidden"
      >
        <h2 className="font-semibold">{t.summary}</h2>
        <div className="hidden space-y-2 lg:block">{totals}</div>
        {view && view.problems.length > 0 && (
          <div role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800">
            <p className="font-semibold">{t.problems}</p>
            <ul className="list-disc pl-5">
              {view.problems.map((p) => (
                <li key={p.code}>{fitReasonText(p, locale)}</li>
              ))}
            </ul>
          </div>
        )}
        {addToCart.isError && (
          <FormAlert>
            {t.addFailed}: {addToCart.error.message}
          </FormAlert>
        )}
        <div className="hidden lg:block">{addButton}</div>
        <div className="grid grid-cols-2 gap-2">
          <Button variant="secondary" onClick={onSave} busy={save.isPending} disabled={picks.length === 0}>
            <Share2 className="size-4" aria-hidden="true" />
            {t.save}
          </Button>
          <Button variant="secondary" onClick={() => window.print()} disabled={picks.length === 0}>
            <Printer className="size-4" aria-hidden="true" />
            {t.print}
          </Button>
        </div>
        {save.isError && <FormAlert>{t.saveFailed}</FormAlert>}
        {link && <ShareLink link={link} texts={t} />}
        <Button variant="ghost" size="sm" onClick={onStartOver} disabled={picks.length === 0}>
          {t.startOver}
        </Button>
      </section>
    </aside>
  );
}

function ShareLink({ link, texts: t }: { link: string; texts: Texts }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    if (navigator.share) await navigator.share({ url: link, title: t.title }).catch(() => undefined);
    else {
      await navigator.clipboard?.writeText(link);
      setCopied(true);
    }
  };
  return (
    <div className="rounded-lg bg-brand-50 px-3 py-2 text-sm">
      <p>{t.saved}</p>
      <div className="mt-1 flex items-center gap-2">
        <input
          readOnly
          value={link}
          aria-label={t.quoteLink}
          className="min-w-0 flex-1 rounded border border-line bg-white px-2 py-1 text-xs"
          onFocus={(e) => e.currentTarget.select()}
          data-share-link
        />
        <Button variant="secondary" size="sm" onClick={() => void copy()}>
          <Link2 className="size-4" aria-hidden="true" />
          {copied ? t.copied : t.copy}
        </Button>
      </div>
    </div>
  );
}

/** What the printer gets: the parts, their prices and the total in both currencies, the link, the date. */
function Quote({
  picks,
  view,
  link,
  texts: t,
}: {
  picks: BuildPick[];
  view: BuildView | undefined;
  link: string | null;
  texts: Texts;
}) {
  const { locale } = useLocale();
  if (!view || picks.length === 0) return null;
  return (
    <section className="hidden print:block">
      <h1 className="text-xl font-bold">{t.quoteTitle}</h1>
      <p className="text-sm break-all">
        {t.quoteDate}: {new Date().toLocaleDateString(locale === 'km' ? 'km-KH' : 'en-GB')}
        {link && (
          <>
            {' · '}
            {t.quoteLink}: {link}
          </>
        )}
      </p>
      <table className="mt-3 w-full border-collapse text-sm">
        <thead>
          <tr className="border-b text-left">
            <th className="py-1">{t.part}</th>
            <th className="py-1 text-right">{t.quantity}</th>
            <th className="py-1 text-right">{t.price}</th>
          </tr>
        </thead>
        <tbody>
          {view.parts.map((part, i) => (
            <tr key={`${part.product.id}-${i}`} className="border-b">
              <td className="py-1">
                <span className="text-muted">{pcSlotLabel(part.slot, locale)}: </span>
                {part.product.name} ({part.product.sku})
              </td>
              <td className="py-1 text-right">{part.quantity}</td>
              <td className="py-1 text-right tabular-nums">
                {formatUsd(part.product.priceCents * part.quantity)}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td className="py-2 font-bold">{t.total}</td>
            <td />
            <td className="py-2 text-right font-bold tabular-nums">
              {formatUsd(view.total.usdCents)} ≈ {formatKhr(view.total.khr)}
            </td>
          </tr>
        </tfoot>
      </table>
      <p className="mt-2 text-xs">
        {t.watts(view.estimatedWatts)} · {t.quoteValid}
      </p>
    </section>
  );
}
