import type { NextFunction, Request, Response } from 'express';
import { Counter, Histogram, Summary, type Registry } from 'prom-client';
import { apiRoutes } from '@shop/shared';

/**
 * Requests per route group (the API's first path segment, `admin/<area>` in the back office; `webshop`, `files` or
 * `other` outside the API), counted and timed for /metrics (a histogram Prometheus can aggregate over processes)
 * and for the health screen (this process's p50 and p99 of the last ten minutes). Groups come from the route
 * table, so a stranger's made-up paths cannot grow the number of series.
 */
export interface RequestStats {
  middleware(req: Request, res: Response, next: NextFunction): void;
  summary(): Promise<
    { group: string; count: number; errors: number; p50Ms: number | null; p99Ms: number | null }[]
  >;
}

function routeGroups(): ReadonlySet<string> {
  return new Set(Object.values(apiRoutes).map((r) => groupOfApiPath(r.path)));
}

function groupOfApiPath(path: string): string {
  const [first = '', second = ''] = path.split('/').filter(Boolean);
  return first === 'admin' && second && !second.startsWith(':') ? `admin/${second}` : first;
}

export function createRequestStats(registry: Registry): RequestStats {
  const known = routeGroups();
  const groupOf = (url: string): string => {
    const path = url.split('?')[0] ?? '';
    if (path.startsWith('/api/v1/')) {
      const group = groupOfApiPath(path.slice('/api/v1'.length));
      return known.has(group) ? group : 'api/other';
    }
    if (path === '/metrics') return 'metrics';
    if (path.startsWith('/files/')) return 'files';
    if (path.startsWith('/api')) return 'api/other';
    return 'webshop';
  };
  const duration = new Histogram({
    name: 'shop_http_request_duration_seconds',
    help: 'Time to answer a request, per route group, method and status class',
    labelNames: ['group', 'method', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'shop_http_request_errors_total',
    help: 'Requests answered with a server error (5xx), per route group',
    labelNames: ['group'] as const,
    registers: [registry],
  });
  const recent = new Summary({
    name: 'shop_http_request_recent_seconds',
    help: 'Time to answer a request over the last ten minutes, per route group (this process)',
    labelNames: ['group'] as const,
    percentiles: [0.5, 0.99],
    maxAgeSeconds: 600,
    ageBuckets: 5,
    registers: [registry],
  });
  const counts = new Map<string, { count: number; errors: number }>();

  return {
    middleware(req, res, next) {
      const started = process.hrtime.bigint();
      res.on('finish', () => {
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        const group = groupOf(req.originalUrl);
        const status = `${Math.floor(res.statusCode / 100)}xx`;
        duration.observe({ group, method: req.method, status }, seconds);
        recent.observe({ group }, seconds);
        const count = counts.get(group) ?? { count: 0, errors: 0 };
        count.count += 1;
        if (res.statusCode >= 500) {
          count.errors += 1;
          errors.inc({ group });
        }
        counts.set(group, count);
      });
      next();
    },
    async summary() {
      const quantiles = (await recent.get()).values;
      const at = (group: string, q: number) => {
        const value = quantiles.find(
          (v) => v.labels.group === group && (v.labels as { quantile?: number }).quantile === q,
        )?.value;
        return value === undefined || Number.isNaN(value) ? null : Math.round(value * 100_000) / 100;
      };
      return [...counts]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([group, c]) => ({
          group,
          count: c.count,
          errors: c.errors,
          p50Ms: at(group, 0.5),
          p99Ms: at(group, 0.99),
        }));
    },
  };
}
