import { formatShopDateTime, type ParkedItem } from '@shop/shared';
import {
  Button,
  Dialog,
  EmptyState,
  ErrorState,
  FormAlert,
  LoadingBlock,
  TextAreaField,
  useLocale,
  useMessages,
} from '@shop/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, isApiError, problemOf } from '../api';
import { backOfficeTexts } from '../texts';
import { peopleTexts } from './texts';

/**
 * What the server parked from counters: each item with why, and what the counter sent. Staff fix the cause where it
 * lives (a product, a staff member, a serial), then apply it again here; or discard it, saying why.
 */
export function ParkedTab() {
  const t = useMessages(peopleTexts);
  const frame = useMessages(backOfficeTexts);
  const parked = useQuery({ queryKey: ['parked'], queryFn: () => api.listParkedItems({}) });
  if (parked.isPending) return <LoadingBlock label={t.tabParked} />;
  if (parked.isError)
    return (
      <ErrorState
        title={frame.loadFailed}
        detail={problemOf(parked.error)}
        onRetry={() => void parked.refetch()}
        retryLabel={frame.retry}
      />
    );
  const waiting = parked.data.items.filter((item) => item.status === 'parked');
  return (
    <div className="space-y-4">
      <p className="text-muted">{t.parkedLead}</p>
      {waiting.length === 0 ? (
        <EmptyState title={t.noParked} />
      ) : (
        <ul className="space-y-3" aria-label={t.tabParked}>
          {waiting.map((item) => (
            <ParkedCard key={item.id} item={item} />
          ))}
        </ul>
      )}
    </div>
  );
}

function ParkedCard({ item }: { item: ParkedItem }) {
  const t = useMessages(peopleTexts);
  const { locale } = useLocale();
  const queries = useQueryClient();
  const settle = () => {
    void queries.invalidateQueries({ queryKey: ['parked'] });
    void queries.invalidateQueries({ queryKey: ['devices'] });
  };
  const retry = useMutation({
    mutationFn: () => api.retryParkedItem({ params: { id: item.id } }),
    onSuccess: settle,
  });
  return (
    <li data-testid="parked-item" className="space-y-3 rounded-card border border-amber-300 bg-white p-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <p className="font-semibold">
            {item.deviceName} · {t.itemType(item.type)}
          </p>
          <p className="text-sm text-muted">
            {t.parkedAt}: {formatShopDateTime(item.parkedAt, locale)}
          </p>
        </div>
        <div className="flex gap-2">
          <Button size="sm" busy={retry.isPending} onClick={() => retry.mutate()}>
            {t.retry}
          </Button>
          <DiscardDialog item={item} onDone={settle} />
        </div>
      </div>
      <p>
        <span className="font-medium">{t.why}: </span>
        <span data-testid="parked-error">{item.error}</span>
      </p>
      {retry.isError && <FormAlert>{problemOf(retry.error)}</FormAlert>}
      <details>
        <summary className="cursor-pointer text-sm font-medium text-brand-700">{t.showItem}</summary>
        <pre className="mt-2 max-h-64 overflow-auto rounded bg-slate-50 p-3 text-xs">
          {JSON.stringify(item.item, null, 2)}
        </pre>
      </details>
    </li>
  );
}

function DiscardDialog({ item, onDone }: { item: ParkedItem; onDone: () => void }) {
  const t = useMessages(peopleTexts);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const discard = useMutation({
    mutationFn: () => api.discardParkedItem({ params: { id: item.id }, body: { reason } }),
    onSuccess: () => {
      setOpen(false);
      onDone();
    },
  });
  const fields = isApiError(discard.error) ? discard.error.fields : {};
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      title={t.discardTitle}
      closeLabel={t.closeDialog}
      trigger={
        <Button size="sm" variant="secondary">
          {t.discard}
        </Button>
      }
    >
      <form
        className="space-y-4"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          discard.mutate();
        }}
      >
        <p className="text-sm text-muted">{item.error}</p>
        <TextAreaField
          label={t.reason}
          hint={t.reasonHint}
          value={reason}
          error={fields.reason}
          onChange={(event) => setReason(event.target.value)}
        />
        {discard.isError && !fields.reason && <FormAlert>{problemOf(discard.error)}</FormAlert>}
        <div className="flex justify-end">
          <Button type="submit" variant="danger" busy={discard.isPending}>
            {t.discard}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
