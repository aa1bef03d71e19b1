import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { chromiumPath } from './browser';
import { buildWebshop } from './webshop-build';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The web shop built for this run (index.html and assets/), served by every e2e test's server. */
    webshopDir: string;
  }
}

/**
 * Once per run of the e2e project: checks for Chromium and builds the web shop into a temporary folder, removed at
 * the end. E2E_WEBSHOP_DIR=<a build> skips the build, to rerun tests quickly against a build made before.
 */
export default async function setup(project: TestProject): Promise<(() => void) | undefined> {
  if (!fs.existsSync(chromiumPath))
    throw new Error(
      `The e2e tests drive Debian's Chromium at ${chromiumPath}, which is not installed: ` +
        'apt-get install chromium fonts-khmeros (.ci/run installs them).',
    );
  const prebuilt = process.env.E2E_WEBSHOP_DIR;
  if (prebuilt) {
    const dir = path.resolve(prebuilt);
    if (!fs.existsSync(path.join(dir, 'index.html')))
      throw new Error(`E2E_WEBSHOP_DIR: no index.html in ${dir}`);
    project.provide('webshopDir', dir);
    return undefined;
  }
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shop-e2e-webshop-'));
  try {
    await buildWebshop(outDir);
  } catch (error) {
    fs.rmSync(outDir, { recursive: true, force: true });
    throw error;
  }
  project.provide('webshopDir', outDir);
  return () => fs.rmSync(outDir, { recursive: true, force: true });
}
