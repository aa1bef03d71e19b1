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
    seed: e.SEED,
    webshopDir: path.resolve(baseDir, e.WEBSHOP_DIR ?? path.join(import.meta.dirname, '../../webshop/dist')),
    dbConnectAttempts: e.DB_CONNECT_ATTEMPTS,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
  };
}

function resolveSqliteUrl(url: string): string {
  if (!url.startsWith('sqlite:')) return url;
  const file = url.slice('sqlite:'.length);
  return file === ':memory:' ? url : `sqlite:${path.resolve(baseDir, file)}`;
}
