import { Button, TextField, useLocale, useMessages } from '@shop/ui';
import type { WarrantyLookup } from '@shop/shared';
import { ShieldCheck } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { isApiError } from '../api/client';
import { useWarrantyLookup } from '../api/claims';
import { formatDate } from '../i18n/format';
import { Card, PageHeading } from '../ui/page';
import { WarrantyStateBadge } from '../warranty/claim-status-badge';
import { warrantyText } from '../warranty/messages';

/** /warranty?serial=: anyone checks a serial number's warranty; the buyer (signed in) also sees their order. */
export function WarrantyPage() {
  const t = useMessages(warrantyText);
  const [params, setParams] = useSearchParams();
  const serial = (params.get('serial') ?? '').trim();
  const [typed, setTyped] = useState(serial);
  const lookup = useWarrantyLookup(serial);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = typed.trim();
    if (next) setParams({ serial: next });
  };

  return (
    <div className="max-w-2xl">
      <PageHeading title={t.lookupTitle} className="mb-2" />
      <p className="mb-6 text-muted">{t.lookupLead}</p>
      <Card>
        <form onSubmit={submit} className="flex flex-col gap-3 sm:flex-row sm:items-end" role="search">
          <TextField
            className="flex-1"
            label={t.serial}
            placeholder={t.serialHint}
            name="serial"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            autoCapitalize="characters"
            autoComplete="off"
            spellCheck={false}
            required
            maxLength={64}
          />
          <Button type="submit" disabled={lookup.isFetching}>
            {lookup.isFetching ? t.checking : t.check}
          </Button>
        </form>
      </Card>
      {serial && lookup.isError && (
        <p role="alert" className="mt-5 text-red-700">
          {isApiError(lookup.error, 429) ? t.tooMany : t.lookupFailed}
        </p>
      )}
      {lookup.data && <LookupResult result={lookup.data} />}
    </div>
  );
}

function LookupResult({ result }: { result: WarrantyLookup }) {
  const t = useMessages(warrantyText);
  const { locale } = useLocale();
  return (
    <Card className="mt-5">
      <section aria-label={t.lookupTitle} data-testid="warranty-result">
        <div className="mb-4 flex flex-wrap items-center justify-between gap-2">
          <p className="flex items-center gap-2 font-mono text-lg font-semibold break-all">
            <ShieldCheck className="size-5 text-brand-600" aria-hidden="true" />
            {result.serial}
          </p>
          <WarrantyStateBadge state={result.state} />
        </div>
        {result.state === 'unknown' || !result.product ? (
          <p className="text-muted">{t.unknownText}</p>
        ) : (
          <>
            <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-6 gap-y-2">
              <dt className="text-muted">{t.product}</dt>
              <dd>
                <Link
                  to={`/products/${result.product.slug}`}
                  className="font-medium text-brand-700 hover:underline"
                >
                  {result.product.name}
                </Link>
              </dd>
              {result.soldAt !== null && (
                <>
                  <dt className="text-muted">{t.soldOn}</dt>
                  <dd>{formatDate(result.soldAt, locale)}</dd>
                </>
              )}
              {result.warrantyUntil !== null && (
                <>
                  <dt className="text-muted">{t.warrantyUntil}</dt>
                  <dd data-testid="warranty-until">{formatDate(result.warrantyUntil, locale)}</dd>
                </>
              )}
              {result.order && (
                <>
                  <dt className="text-muted">{t.yourOrder}</dt>
                  <dd>
                    <Link
                      to={`/orders/${result.order.id}`}
                      className="font-medium text-brand-700 hover:underline"
                    >
                      {result.order.number}
                    </Link>
                  </dd>
                </>
              )}
            </dl>
            {result.replacedBy && <p className="mt-4">{t.replacedBy(result.replacedBy)}</p>}
            {result.replaces && <p className="mt-4">{t.replaces(result.replaces)}</p>}
            {result.state !== 'replaced' && <p className="mt-4 text-sm text-muted">{t.openClaim}</p>}
          </>
        )}
      </section>
    </Card>
  );
}
