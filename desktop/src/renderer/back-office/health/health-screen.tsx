import { formatShopDateTime, type SystemHealth } from '@shop/shared';
import { Badge, ErrorState, LoadingBlock, useLocale, useMessages } from '@shop/ui';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { api, problemOf } from '../api';
import { ReportTable } from '../reports/report-table';
import { settingsTexts } from '../settings/texts';
import { healthTexts } from './texts';

const REFRESH_MS = 15_000;

/** Seconds as days, hours, minutes and seconds, for the texts to word. */
const parts = (seconds: number) =>
  [
    Math.floor(seconds / 86_400),
    Math.floor((seconds % 86_400) / 3600),
    Math.floor((seconds % 3600) / 60),
    Math.floor(seconds % 60),
  ] as const;
const ms = (value: number | null) => (value === null ? '–' : `${Math.round(value)} ms`);
/** Bytes in binary units, as disks and databases are spoken of. */
const bytes = (value: number) => {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let unit = 0;
  for (; value >= 1024 && unit < units.length - 1; unit++) value /= 1024;
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
};

/** The admin's look at the servers and counters: facts and warnings, asked again every 15 seconds. */
export function HealthScreen() {
  const t = useMessages(healthTexts);
  // Where the token comes from, worded as the Bakong settings screen words it.
  const tokenSourceText = useMessages(settingsTexts).tokenSource;
  const { locale } = useLocale();
  const health = useQuery({
    queryKey: ['health'],
    queryFn: () => api.getSystemHealth({}),
    refetchInterval: REFRESH_MS,
    staleTime: 0,
  });
  const when = (epoch: number | null) => (epoch === null ? t.never : formatShopDateTime(epoch, locale));

  if (health.isPending) return <LoadingBlock label={t.loading} />;
  if (health.isError) return <ErrorState title={t.loadFailed} detail={problemOf(health.error)} />;
  const h: SystemHealth = health.data;
  return (
    <section className="space-y-5">
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-2xl font-semibold">{t.title}</h1>
        <p className="text-sm text-muted">
          {t.checkedAt(formatShopDateTime(health.dataUpdatedAt, locale))} · {t.refreshes}
        </p>
      </div>

      <div role="region" aria-label={t.warnings} className="space-y-2">
        {h.warnings.length === 0 ? (
          <Badge tone="success">{t.allWell}</Badge>
        ) : (
          h.warnings.map((warning, index) => (
            <p
              // One warning per silent counter: the code alone repeats.
              key={`${warning.code}-${index}`}
              role="alert"
              className="rounded-card border border-amber-200 bg-amber-50 px-4 py-2 text-amber-900"
            >
              {locale === 'km' ? warning.km : warning.en}
            </p>
          ))
        )}
      </div>

      <div className="grid gap-4 lg:grid-cols-3">
        <Card title={t.server}>
          <Fact label={t.version}>{h.process.version}</Fact>
          <Fact label={t.node}>{h.process.nodeVersion}</Fact>
          <Fact label={t.database}>{h.process.dialect === 'mysql' ? 'MariaDB' : 'SQLite'}</Fact>
          <Fact label={t.uptime}>{t.duration(...parts(h.process.uptimeSeconds))}</Fact>
          <Fact label={t.startedAt}>{when(h.process.startedAt)}</Fact>
          <Fact label={t.pool}>
            {h.pool ? t.poolUse(h.pool.open, h.pool.idle, h.pool.waiting) : t.onePool}
          </Fact>
          <Fact label={t.databaseSize}>{bytes(h.databaseBytes)}</Fact>
          <Fact label={t.fileStore}>
            {h.fileStore.freeBytes === null || h.fileStore.totalBytes === null
              ? t.objectStorage
              : t.diskFree(
                  bytes(h.fileStore.freeBytes),
                  bytes(h.fileStore.totalBytes),
                  Math.round((100 * h.fileStore.freeBytes) / Math.max(1, h.fileStore.totalBytes)),
                )}
          </Fact>
        </Card>
        <Card title={t.backlogs}>
          <Fact label={t.mailOutbox}>
            {t.waiting(h.mailOutbox.waiting)}, {t.failed(h.mailOutbox.failed)}
            {h.mailOutbox.oldestWaitingAt !== null && ` · ${t.oldest(when(h.mailOutbox.oldestWaitingAt))}`}
          </Fact>
          <Fact label={t.paymentChecks}>
            {t.waiting(h.paymentChecks.waiting)}
            {h.paymentChecks.oldestWaitingAt !== null &&
              ` · ${t.oldest(when(h.paymentChecks.oldestWaitingAt))}`}
          </Fact>
        </Card>
        <Card title={t.bakong}>
          <Fact label={t.reachability}>
            {h.bakong.reachability.reachable
              ? t.reachable(h.bakong.reachability.latencyMs)
              : t.unreachable(h.bakong.reachability.reason)}
          </Fact>
          <Fact label={t.probedAt}>{when(h.bakong.reachability.checkedAt)}</Fact>
          <Fact label={t.expires}>
            {h.bakong.tokenExpiresAt === null ? t.unknown : when(h.bakong.tokenExpiresAt)}
          </Fact>
          <Fact label={t.source}>{tokenSourceText(h.bakong.tokenSource)}</Fact>
        </Card>
      </div>

      <ReportTable
        caption={t.processes}
        rows={h.processes}
        empty={t.nothing}
        columns={[
          {
            header: t.host,
            cell: (row) => (row.thisProcess ? `${row.hostname} (${t.thisProcess})` : row.hostname),
          },
          { header: t.pid, align: 'right', cell: (row) => row.pid },
          { header: t.version, cell: (row) => row.version },
          { header: t.startedAt, cell: (row) => when(row.startedAt) },
          {
            header: t.uptime,
            // Another process's uptime as of its last beat; this one's as of now.
            cell: (row) =>
              t.duration(
                ...parts(
                  row.thisProcess
                    ? h.process.uptimeSeconds
                    : Math.max(0, (row.lastSeenAt - row.startedAt) / 1000),
                ),
              ),
          },
          { header: t.lastSeen, cell: (row) => when(row.lastSeenAt) },
        ]}
      />

      <div className="grid gap-4 xl:grid-cols-2">
        <ReportTable
          caption={t.requests}
          rows={h.requests}
          empty={t.nothing}
          columns={[
            { header: t.group, cell: (row) => <span className="font-mono">{row.group}</span> },
            { header: t.count, align: 'right', cell: (row) => row.count },
            { header: t.errors, align: 'right', cell: (row) => row.errors },
            { header: t.p50, align: 'right', cell: (row) => ms(row.p50Ms) },
            { header: t.p99, align: 'right', cell: (row) => ms(row.p99Ms) },
          ]}
        />
        <ReportTable
          caption={t.devices}
          rows={h.devices}
          empty={t.nothing}
          columns={[
            { header: t.device, cell: (row) => row.name },
            { header: t.lastSync, cell: (row) => when(row.lastSyncAt) },
            { header: t.pending, align: 'right', cell: (row) => row.pendingCount },
          ]}
        />
      </div>
    </section>
  );
}

function Card({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title} className="space-y-2 rounded-card border border-line bg-white p-4">
      <h2 className="font-semibold">{title}</h2>
      <dl className="space-y-1 text-sm">{children}</dl>
    </section>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex justify-between gap-3">
      <dt className="text-muted">{label}</dt>
      <dd className="text-right">{children}</dd>
    </div>
  );
}
