import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KHMER_FONT_FILE } from './modules/orders/invoice-typesetter';
import { serverRoot } from './server-root';

describe('the server folder', () => {
  it('is the @shop/server package, where the files the server ships with are found', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(serverRoot, 'package.json'), 'utf8')) as {
      name: string;
    };
    expect(manifest.name).toBe('@shop/server');
    expect(fs.statSync(KHMER_FONT_FILE).size).toBeGreaterThan(100_000);
  });
});
