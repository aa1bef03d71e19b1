import net from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { serverRoot } from './server-root';

/**
 * The server's whole configuration, read once from the environment and validated at start-up.
 * Relative paths are resolved against the directory npm was started from (INIT_CWD), so `npm start` at the
 * repository root keeps its data in ./data whatever workspace runs the script.
 */
const baseDir = process.env.INIT_CWD ?? process.cwd();

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^(sqlite:|mysql:\/\/)/, 'must start with sqlite: or mysql://')
    .optional(),
  PUBLIC_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Default: the demo shop in development and tests, an empty shop in production (see loadConfig).
  SEED: z.enum(['demo', 'none']).optional(),
  WEBSHOP_DIR: z.string().min(1).optional(),
  DB_CONNECT_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
  SMTP_URL: z
    .string()
    .refine(isSmtpUrl, 'must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example.com:587')
    .optional(),
  MAIL_FROM: z
    .string()
    .regex(/^[^\r\n]*@[^\r\n]*$/, 'must be one address, e.g. "Computer Shop" <shop@example.com>')
    .default('"Computer Shop" <shop@localhost>'),
  MAIL_POLL_MS: z.coerce.number().int().min(10).max(3_600_000).default(1000),
  TRUST_PROXY: z
    .string()
    .transform((value, ctx) => {
      const parsed = parseTrustProxy(value);
      if ('problem' in parsed) {
        ctx.addIssue({ code: 'custom', message: parsed.problem });
        return z.NEVER;
      }
      return parsed.trust;
    })
    .default(false),
  HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  BODY_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(10_000),
  UPLOAD_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(120_000),
  MAX_CONNECTIONS: z.coerce.number().int().min(1).max(1_000_000).optional(),
  BODY_READS_AT_ONCE: z.coerce.number().int().min(1).max(100_000).default(256),
  BODY_MEMORY_BYTES: z.coerce
    .number()
    .int()
    .min(64 * 1024)
    .max(1024 * 1024 * 1024)
    .default(16 * 1024 * 1024),
  BODY_WAIT_MS: z.coerce.number().int().min(0).max(60_000).default(1_000),
  STORAGE_URL: z
    .string()
    .regex(
      /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/[A-Za-z0-9._/-]*)?$/,
      'must be s3://bucket or s3://bucket/prefix',
    )
    .optional(),
  S3_ENDPOINT: z.url().optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .default(false),
  UPLOADS_AT_ONCE: z.coerce.number().int().min(1).max(10_000).default(32),
  UPLOADS_AT_ONCE_PER_USER: z.coerce.number().int().min(1).max(1000).default(4),
  IMAGE_DECODES_AT_ONCE: z.coerce.number().int().min(1).max(64).default(2),
  PAYMENT_PROOFS_PER_HOUR_PER_USER: z.coerce.number().int().min(1).max(100_000).default(20),
  PAYMENT_PROOFS_PER_HOUR_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(60),
  BAKONG_API_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL, e.g. https://api-bakong.nbc.gov.kh' })
    .optional(),
  BAKONG_TOKEN: z.string().optional(),
  BAKONG_STANDIN: z.enum(['true', 'false'], { error: "must be 'true' or 'false'" }).optional(),
  BAKONG_POLL_MS: z.coerce.number().int().min(500).max(3_600_000).default(5000),
  PAYMENT_GRACE_MS: z.coerce.number().int().min(0).max(86_400_000).default(600_000),
  /** The bearer token Prometheus scrapes /metrics with; unset: /metrics is off (404). */
  METRICS_TOKEN: z.string().min(16, 'METRICS_TOKEN: at least 16 characters').optional(),
  // 32 random bytes as 64 hex digits or base64 (openssl rand -hex 32): the key of secrets stored in settings.
  SECRETS_KEY: z
    .string()
    .trim()
    .refine(
      (value) => /^[0-9a-fA-F]{64}$/.test(value) || Buffer.from(value, 'base64').length === 32,
      'must be 32 random bytes as 64 hex digits or base64, e.g. from: openssl rand -hex 32',
    )
    .optional(),
});

/** The token the built-in Bakong stand-in accepts when BAKONG_TOKEN is not set: not a secret, nothing real. */
export const BAKONG_STANDIN_TOKEN = 'bakong-standin-token';

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string;
  publicUrl: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  /** demo: the demo catalog on an empty database, and demo staff accounts outside production; none: empty. */
  seed: 'demo' | 'none';
  webshopDir: string;
  dbConnectAttempts: number;
  shutdownTimeoutMs: number;
  /** smtp:// (STARTTLS when offered; required on port 587) or smtps:// (TLS); null: mails go to files. */
  smtpUrl: string | null;
  mailFrom: string;
  mailPollMs: number;
  /** Express's 'trust proxy': which proxies' X-Forwarded-* headers to believe (client IP, protocol). */
  trustProxy: TrustProxy;
  /** What one client may take of the server: time to send a request, connections, memory for bodies. */
  limits: ServerLimits;
  bakong: BakongConfig;
  /** How long after a payment QR expires it is still watched (and asked about once more) before the order expires. */
  paymentGraceMs: number;
  /** Where files (product pictures, payment proofs) live: a folder on this machine or an S3-compatible bucket. */
  storage: StorageConfig;
  /**
   * The key that encrypts secrets stored in settings (the Bakong token, the SMTP password), as SECRETS_KEY gives it;
   * null: a key generated once into <DATA_DIR>/secrets.key (docs/decisions/0008-secrets-at-rest.md).
   */
  secretsKey: string | null;
  uploads: UploadConfig;
  /** The bearer token of GET /metrics; null: /metrics answers 404. */
  metricsToken: string | null;
}

/** What uploads (product pictures, payment screenshots) may take of the server. */
export interface UploadConfig {
  /** Where uploaded files are written while they arrive and are checked: <DATA_DIR>/tmp. */
  tmpDir: string;
  /** Uploads this process receives at once, and of those, one user's (stalled uploads cannot pile up). */
  atOnce: number;
  atOncePerUser: number;
  /** Pictures decoded at once (each up to 25 MP, 75-100 MB decoded); about one per CPU core. */
  decodesAtOnce: number;
  /** Payment screenshots one customer, and one client address, may send in an hour. */
  paymentProofsPerHour: { user: number; address: number };
}

export type StorageConfig =
  | { kind: 'disk'; dir: string }
  | {
      kind: 's3';
      bucket: string;
      /** Prepended to every key, without slashes at either end; '' for none. */
      prefix: string;
      /** For MinIO, R2, Spaces and the like; null: AWS S3. */
      endpoint: string | null;
      region: string;
      /** null: the AWS SDK's default credential chain (environment, instance role, …). */
      credentials: { accessKeyId: string; secretAccessKey: string } | null;
      forcePathStyle: boolean;
    };

export interface BakongConfig {
  /**
   * The Bakong Open API (production https://api-bakong.nbc.gov.kh) or a standalone stand-in; null when `standin`:
   * then the server asks its own stand-in at its listening address (see `bakongBaseUrl` in payments/bakong-standin).
   */
  baseUrl: string | null;
  /**
   * The merchant's Bakong Open API token from BAKONG_TOKEN (a secret, never logged); null when not set. A token an
   * admin enters in the back office wins over it (settings/bakong-token.ts).
   */
  token: string | null;
  /** Mount the in-memory Bakong stand-in at /bakong-standin (development and tests; never in production). */
  standin: boolean;
  /** How often open payments are asked about. */
  pollMs: number;
}

/** false: no proxy (X-Forwarded-For is ignored); a number of proxies in front; or their addresses/subnets. */
export type TrustProxy = false | number | string[];

export interface ServerLimits {
  /** A request's headers must all arrive within this (slow clients holding connections open). */
  headersTimeoutMs: number;
  /** A JSON body must arrive within this once it is read (what is left of a body already answered: three times it). */
  bodyTimeoutMs: number;
  /** A whole request to an upload route (and the server-wide bound for any request). */
  uploadTimeoutMs: number;
  /** Connections held at once; null: from the process's descriptor limit (http/connections.ts). */
  maxConnections: number | null;
  /** Request bodies being read at once, across the process (each a request in flight). */
  bodyReaders: number;
  /** Bytes of request bodies being read at once, across the process. */
  bodyMemoryBytes: number;
  /** How long a body waits for a place or its share of that memory before the request is answered 503. */
  bodyWaitMs: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (VAR= in an env file) means "not set", not "set to nothing".
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = envSchema.safeParse(given);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${String(issue.path[0])}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(baseDir, e.DATA_DIR);
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: resolveSqliteUrl(e.DATABASE_URL ?? `sqlite:${path.join(dataDir, 'shop.sqlite')}`),
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    logLevel: e.LOG_LEVEL,
    seed: e.SEED ?? (e.NODE_ENV === 'production' ? 'none' : 'demo'),
    webshopDir: path.resolve(baseDir, e.WEBSHOP_DIR ?? path.join(serverRoot, '../webshop/dist')),
    dbConnectAttempts: e.DB_CONNECT_ATTEMPTS,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    smtpUrl: e.SMTP_URL ?? null,
    mailFrom: e.MAIL_FROM,
    mailPollMs: e.MAIL_POLL_MS,
    trustProxy: e.TRUST_PROXY,
    limits: serverLimits(e),
    bakong: bakongConfig(e),
    paymentGraceMs: e.PAYMENT_GRACE_MS,
    storage: storageConfig(e, dataDir),
    secretsKey: e.SECRETS_KEY ?? null,
    metricsToken: e.METRICS_TOKEN ?? null,
    uploads: {
      tmpDir: path.join(dataDir, 'tmp'),
      atOnce: e.UPLOADS_AT_ONCE,
      atOncePerUser: e.UPLOADS_AT_ONCE_PER_USER,
      decodesAtOnce: e.IMAGE_DECODES_AT_ONCE,
      paymentProofsPerHour: {
        user: e.PAYMENT_PROOFS_PER_HOUR_PER_USER,
        address: e.PAYMENT_PROOFS_PER_HOUR_PER_ADDRESS,
      },
    },
  };
}

function storageConfig(e: z.infer<typeof envSchema>, dataDir: string): StorageConfig {
  if (!e.STORAGE_URL) return { kind: 'disk', dir: path.join(dataDir, 'files') };
  if (!e.S3_ACCESS_KEY_ID !== !e.S3_SECRET_ACCESS_KEY)
    throw new ConfigError('Invalid configuration:\n  S3_SECRET_ACCESS_KEY: set both S3 keys or neither');
  const [bucket = '', ...prefix] = e.STORAGE_URL.slice('s3://'.length).split('/');
  return {
    kind: 's3',
    bucket,
    prefix: prefix.filter(Boolean).join('/'),
    endpoint: e.S3_ENDPOINT ?? null,
    region: e.S3_REGION,
    credentials:
      e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY
        ? { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY }
        : null,
    forcePathStyle: e.S3_FORCE_PATH_STYLE,
  };
}

function resolveSqliteUrl(url: string): string {
  if (!url.startsWith('sqlite:')) return url;
  const file = url.slice('sqlite:'.length);
  return file === ':memory:' ? url : `sqlite:${path.resolve(baseDir, file)}`;
}

function isSmtpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function serverLimits(e: z.infer<typeof envSchema>): ServerLimits {
  // Node refuses a request timeout shorter than the headers timeout.
  if (e.UPLOAD_TIMEOUT_MS < e.HEADERS_TIMEOUT_MS)
    invalid('UPLOAD_TIMEOUT_MS: must be at least HEADERS_TIMEOUT_MS (an upload starts with its headers)');
  return {
    headersTimeoutMs: e.HEADERS_TIMEOUT_MS,
    bodyTimeoutMs: e.BODY_TIMEOUT_MS,
    uploadTimeoutMs: e.UPLOAD_TIMEOUT_MS,
    maxConnections: e.MAX_CONNECTIONS ?? null,
    bodyReaders: e.BODY_READS_AT_ONCE,
    bodyMemoryBytes: e.BODY_MEMORY_BYTES,
    bodyWaitMs: e.BODY_WAIT_MS,
  };
}

/** The names proxy-addr (Express) knows for address ranges. */
const PROXY_NAMES: ReadonlySet<string> = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * 'false', a hop count, or comma-separated addresses, subnets (CIDR) and proxy-addr's names. 'true' is refused:
 * Express would then take the left-most X-Forwarded-For entry, which the client writes itself, as the client's
 * address, and every per-address limit would count whatever address it claims.
 */
function parseTrustProxy(value: string): { trust: TrustProxy } | { problem: string } {
  const text = value.trim().toLowerCase();
  if (text === 'true')
    return {
      problem:
        "'true' would let any client choose its own address with X-Forwarded-For; set the number of proxies in " +
        'front of the shop (1 for one nginx or Caddy) or their addresses, e.g. loopback or 10.0.0.0/8',
    };
  if (text === 'false' || text === '0') return { trust: false };
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > 10) return { problem: 'a hop count is at most 10 (the proxies in front of the shop)' };
    return { trust: hops };
  }
  const entries = text.split(',').map((entry) => entry.trim());
  const valid = entries.every((entry) => {
    if (PROXY_NAMES.has(entry)) return true;
    const [address = '', range, ...rest] = entry.split('/');
    const family = net.isIP(address);
    if (!family || rest.length) return false;
    if (range === undefined) return true;
    if (/^\d+$/.test(range)) return Number(range) <= (family === 4 ? 32 : 128);
    return family === 4 && net.isIPv4(range);
  });
  if (valid) return { trust: entries };
  return {
    problem:
      "must be 'false', a number of proxies (e.g. 1) or comma-separated proxy addresses/subnets " +
      '(e.g. 10.0.0.5, 10.0.0.0/8, loopback, linklocal, uniquelocal)',
  };
}

/** Real Bakong needs its address and token; the stand-in simulates payments, so production refuses it. */
function bakongConfig(e: z.infer<typeof envSchema>): BakongConfig {
  const standin = e.BAKONG_STANDIN ? e.BAKONG_STANDIN === 'true' : e.BAKONG_API_URL === undefined;
  if (standin) {
    if (e.NODE_ENV === 'production')
      invalid(
        'BAKONG_STANDIN: the Bakong stand-in simulates payments and must never run in production; ' +
          'set BAKONG_API_URL and BAKONG_TOKEN for real payments',
      );
    if (e.BAKONG_API_URL)
      invalid(
        'BAKONG_STANDIN: true uses the built-in stand-in and cannot be combined with BAKONG_API_URL ' +
          '(leave BAKONG_STANDIN unset or false to use BAKONG_API_URL)',
      );
    return {
      baseUrl: null,
      token: e.BAKONG_TOKEN ?? BAKONG_STANDIN_TOKEN,
      standin,
      pollMs: e.BAKONG_POLL_MS,
    };
  }
  if (!e.BAKONG_API_URL)
    invalid('BAKONG_API_URL: required when BAKONG_STANDIN=false (production: https://api-bakong.nbc.gov.kh)');
  if (e.NODE_ENV === 'production' && !e.BAKONG_API_URL.startsWith('https://'))
    invalid('BAKONG_API_URL: must be https:// in production (the token travels with every request)');
  return {
    baseUrl: e.BAKONG_API_URL.replace(/\/+$/, ''),
    // Not required: an admin may enter it in the back office instead (settings/bakong-token.ts).
    token: e.BAKONG_TOKEN ?? null,
    standin,
    pollMs: e.BAKONG_POLL_MS,
  };
}

function invalid(problem: string): never {
  throw new ConfigError(`Invalid configuration:\n  ${problem}`);
}
