import { timingSafeEqual, createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Registry } from 'prom-client';
import { Gauge, collectDefaultMetrics } from 'prom-client';
import { readHealth, type HealthSources } from './health';

/**
 * GET /metrics: the health facts in Prometheus' text format, for operators, behind `Authorization: Bearer
 * <METRICS_TOKEN>`. Without a token configured the route does not exist (404); a missing or wrong token gets 401.
 * The registry belongs to this shop (no module state: two shops in one process keep their own figures).
 */
export function metricsHandler(registry: Registry, sources: HealthSources, token: string | null) {
  collectDefaultMetrics({ register: registry, prefix: 'shop_' });
  const gauge = (name: string, help: string, labelNames: string[] = []) =>
    new Gauge({ name, help, labelNames, registers: [registry] });
  const info = gauge('shop_build_info', 'Version of this server process, its Node and database dialect', [
    'version',
    'node',
    'dialect',
  ]);
  const uptime = gauge('shop_process_uptime_seconds', 'Seconds since this server process started');
  const mailWaiting = gauge('shop_mail_outbox_waiting', 'Mails in the outbox not sent yet');
  const mailOldest = gauge(
    'shop_mail_outbox_oldest_waiting_seconds',
    'Age of the oldest mail waiting (0: none)',
  );
  const mailFailed = gauge('shop_mail_outbox_failed', 'Mails given up after the last retry');
  const checksWaiting = gauge('shop_payment_checks_waiting', 'KHQR payments whose Bakong check is due');
  const checksOldest = gauge(
    'shop_payment_checks_oldest_waiting_seconds',
    'How long the most overdue check has waited (0: none)',
  );
  const deviceSync = gauge(
    'shop_device_last_sync_timestamp_seconds',
    "A counter's last push or pull (0: never)",
    ['device_id', 'device'],
  );
  const devicePending = gauge('shop_device_pending_items', 'Items a counter reported waiting to be pushed', [
    'device_id',
    'device',
  ]);
  const tokenExpiry = gauge(
    'shop_bakong_token_expiry_timestamp_seconds',
    'When the Bakong token expires (0: unknown or none)',
  );
  const poolOpen = gauge('shop_db_pool_connections', 'MySQL pool connections by state', ['state']);
  const databaseSize = gauge(
    'shop_db_size_bytes',
    "The shop's database on disk (SQLite pages and WAL; MySQL data and indexes)",
  );
  const diskFree = gauge(
    'shop_file_store_free_bytes',
    'Free bytes of the disk holding uploaded files (none under object storage)',
    ['store'],
  );
  const diskTotal = gauge(
    'shop_file_store_total_bytes',
    'Size of the disk holding uploaded files (none under object storage)',
    ['store'],
  );
  const bakongReachable = gauge(
    'shop_bakong_reachable',
    'Whether Bakong answered the last probe (1) or not (0); probed at most once a minute',
  );
  const bakongLatency = gauge(
    'shop_bakong_probe_latency_seconds',
    'How long Bakong took to answer the last probe',
  );
  const processes = gauge(
    'shop_server_processes',
    'Server processes on this database seen in the last two minutes',
  );
  const expected = token === null ? null : digest(token);

  return async (req: Request, res: Response): Promise<void> => {
    if (expected === null) {
      res.status(404).type('text/plain').send('Not found');
      return;
    }
    const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    // Both sides hashed first: equal lengths for timingSafeEqual, and the time says nothing about the token.
    if (given === undefined || !timingSafeEqual(digest(given), expected)) {
      res
        .status(401)
        .set('www-authenticate', 'Bearer realm="metrics"')
        .type('text/plain')
        .send('Unauthorized');
      return;
    }
    const now = Date.now();
    const health = await readHealth(sources, now);
    info.reset();
    info.set(
      { version: health.process.version, node: health.process.nodeVersion, dialect: health.process.dialect },
      1,
    );
    uptime.set(process.uptime());
    mailWaiting.set(health.mailOutbox.waiting);
    mailFailed.set(health.mailOutbox.failed);
    mailOldest.set(ageSeconds(now, health.mailOutbox.oldestWaitingAt));
    checksWaiting.set(health.paymentChecks.waiting);
    checksOldest.set(ageSeconds(now, health.paymentChecks.oldestWaitingAt));
    deviceSync.reset();
    devicePending.reset();
    for (const d of health.devices) {
      deviceSync.set({ device_id: d.id, device: d.name }, (d.lastSyncAt ?? 0) / 1000);
      devicePending.set({ device_id: d.id, device: d.name }, d.pendingCount);
    }
    tokenExpiry.set((health.bakong.tokenExpiresAt ?? 0) / 1000);
    poolOpen.reset();
    if (health.pool) {
      poolOpen.set({ state: 'busy' }, health.pool.open - health.pool.idle);
      poolOpen.set({ state: 'idle' }, health.pool.idle);
      poolOpen.set({ state: 'waiting' }, health.pool.waiting);
    }
    databaseSize.set(health.databaseBytes);
    diskFree.reset();
    diskTotal.reset();
    if (health.fileStore.freeBytes !== null && health.fileStore.totalBytes !== null) {
      diskFree.set({ store: 'disk' }, health.fileStore.freeBytes);
      diskTotal.set({ store: 'disk' }, health.fileStore.totalBytes);
    }
    bakongReachable.set(health.bakong.reachability.reachable ? 1 : 0);
    bakongLatency.set(health.bakong.reachability.latencyMs / 1000);
    processes.set(health.processes.length);
    res.set('content-type', registry.contentType).send(await registry.metrics());
  };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

function ageSeconds(now: number, since: number | null): number {
  return since === null ? 0 : Math.max(0, (now - since) / 1000);
}
