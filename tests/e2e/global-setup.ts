import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { chromiumPath } from './browser';
import { buildCounterScreens, buildWebshop } from './webshop-build';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The web shop built for this run (index.html and assets/), served by every e2e test's server. */
    webshopDir: string;
    /** The counter's screens (desktop renderer) built for this run, served by every e2e test's browser host. */
    counterScreensDir: string;
  }
}

/**
 * Once per run of the e2e project: checks for Chromium and builds the web shop and the counter's screens into
 * temporary folders, removed at the end (one build each, not one per test file). E2E_WEBSHOP_DIR=<a build> and
 * E2E_COUNTER_SCREENS_DIR=<a build> skip them, to rerun tests quickly against builds made before.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  if (!fs.existsSync(chromiumPath))
    throw new Error(
      `The e2e tests drive Debian's Chromium at ${chromiumPath}, which is not installed: ` +
        'apt-get install chromium fonts-khmeros (.ci/run installs them).',
    );
  const removeLater: string[] = [];
  const cleanup = () => {
    for (const dir of removeLater) fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    // Both browser projects (the web shop's and the counter's) run this setup; the first one builds for both.
    const shared = globalThis as { shopE2eBuilds?: Promise<[string, string]> };
    shared.shopE2eBuilds ??= Promise.all([
      builtOnce('E2E_WEBSHOP_DIR', 'shop-e2e-webshop-', buildWebshop, removeLater),
      builtOnce('E2E_COUNTER_SCREENS_DIR', 'shop-e2e-counter-', buildCounterScreens, removeLater),
    ]);
    const [webshopDir, counterScreensDir] = await shared.shopE2eBuilds;
    project.provide('webshopDir', webshopDir);
    project.provide('counterScreensDir', counterScreensDir);
  } catch (error) {
    cleanup();
    throw error;
  }
  return cleanup;
}

/**
 * A build for the whole run, into a temporary folder (listed in `removeLater`), or the one the environment variable
 * names (made before, to rerun tests quickly).
 */
async function builtOnce(
  variable: string,
  prefix: string,
  build: (outDir: string) => Promise<void>,
  removeLater: string[],
): Promise<string> {
  const prebuilt = process.env[variable];
  if (prebuilt) {
    const dir = path.resolve(prebuilt);
    if (!fs.existsSync(path.join(dir, 'index.html'))) throw new Error(`${variable}: no index.html in ${dir}`);
    return dir;
  }
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  removeLater.push(outDir);
  await build(outDir);
  return outDir;
}
