import net from 'node:net';
import path from 'node:path';
import { z } from 'zod';

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
  SEED: z.enum(['demo', 'none']).default('demo'),
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
      const trust = parseTrustProxy(value);
      if (trust === undefined) {
        ctx.addIssue({
          code: 'custom',
          message: "must be 'true', 'false', a number of hops or comma-separated IP addresses/subnets",
        });
        return z.NEVER;
      }
      return trust;
    })
    .default(false),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string;
  publicUrl: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  seed: 'demo' | 'none';
  webshopDir: string;
  dbConnectAttempts: number;
  shutdownTimeoutMs: number;
  /** smtp:// (STARTTLS when offered; required on port 587) or smtps:// (TLS); null: mails go to files. */
  smtpUrl: string | null;
  mailFrom: string;
  mailPollMs: number;
  /** Express's 'trust proxy': whether/which proxies' X-Forwarded-* headers to believe (client IP, protocol). */
  trustProxy: TrustProxy;
}

export type TrustProxy = boolean | number | string[];

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
    seed: e.SEED,
    webshopDir: path.resolve(baseDir, e.WEBSHOP_DIR ?? path.join(import.meta.dirname, '../../webshop/dist')),
    dbConnectAttempts: e.DB_CONNECT_ATTEMPTS,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    smtpUrl: e.SMTP_URL ?? null,
    mailFrom: e.MAIL_FROM,
    mailPollMs: e.MAIL_POLL_MS,
    trustProxy: e.TRUST_PROXY,
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

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** 'true' / 'false' / hop count / comma-separated addresses, subnets (CIDR) and proxy-addr's names; else undefined. */
function parseTrustProxy(value: string): TrustProxy | undefined {
  const text = value.trim().toLowerCase();
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (/^\d+$/.test(text)) return Number(text);
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
  return valid ? entries : undefined;
}
