import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildServer } from '../build';
import { serverRoot } from '../src/server-root';
import { spawnServer } from './processes';

/**
 * Production runs the server compiled (issue 16, item 7): `npm start` bundles server/src into dist/main.js and runs
 * it with plain Node. Proven here by building a bundle of its own (beside dist/main.js, so a running shop's is left
 * alone), starting it as production would, and asking it what only a working server answers: the catalog it seeded
 * and, from /metrics, the version it read from the package.json it found from inside the bundle.
 */
const outdir = path.join(serverRoot, 'dist', `test-${process.pid}-${Date.now()}`);
const METRICS_TOKEN = 'metrics-token-of-the-built-server-test';

afterAll(async () => {
  await fs.rm(outdir, { recursive: true, force: true });
});

describe('the built server', () => {
  it('runs from one JavaScript bundle in production, no TypeScript compiled at start', async () => {
    const entry = await buildServer(outdir);
    const bundle = await fs.readFile(entry, 'utf8');
    // The shop's own TypeScript packages are inside; no import of a .ts file or of @shop/* is left to resolve.
    expect(bundle).not.toMatch(/from ["']@shop\//);
    expect(bundle).not.toMatch(/from ["'][^"']+\.ts["']/);

    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'built-server-'));
    const server = await spawnServer(
      {
        NODE_ENV: 'production',
        SEED: 'demo',
        DATA_DIR: dataDir,
        BAKONG_API_URL: 'https://bakong.invalid',
        BAKONG_TOKEN: 'not-a-real-token',
        METRICS_TOKEN,
      },
      { built: entry },
    );
    try {
      expect(await (await fetch(`${server.url}/api/v1/health`)).json()).toEqual({
        status: 'ok',
        db: 'sqlite',
      });
      const products = (await (await fetch(`${server.url}/api/v1/products?pageSize=1`)).json()) as {
        total: number;
      };
      expect(products.total).toBeGreaterThan(200);
      const metrics = await fetch(`${server.url}/metrics`, {
        headers: { authorization: `Bearer ${METRICS_TOKEN}` },
      });
      const { version } = JSON.parse(await fs.readFile(path.join(serverRoot, 'package.json'), 'utf8')) as {
        version: string;
      };
      expect(await metrics.text()).toContain(`shop_build_info{version="${version}"`);
    } finally {
      expect(await server.stop()).toBe(0);
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  });
});
