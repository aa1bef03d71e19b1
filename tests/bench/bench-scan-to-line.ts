import path from 'node:path';
import { openCoreRunner } from '../../desktop/src/bridge/core-runner';
import { TEST_PIN } from '../../desktop/src/core/test-support/cashier';
import { openLocalDb } from '../../desktop/src/core/local-db/open';
import { saveDeviceToken, writeState } from '../../desktop/src/core/local-db/state';
import { startHost } from '../../desktop/src/host/server';
import { launchChromium } from '../e2e/browser';
import { buildCounterScreens } from '../e2e/webshop-build';

/**
 * pos-scan: the counter's real screens in Chromium through the browser host, on the bench's local catalog: the time
 * from a scanner's Enter (the keydown's own timestamp) to the frame that shows the new line (the first animation
 * frame after the line is in the page). Each scan is a different product, typed as a scanner types it; the sale is
 * started afresh every 25 lines. The counter is offline (its server address goes nowhere), as speed must not depend
 * on the network. Answers the times in ms, and how many scans the screen did not take as scans.
 */
export async function benchScanToLine(
  dataDir: string,
  barcodes: string[],
): Promise<{ times: number[]; missed: number }> {
  // A paired counter (its server unreachable) whose cashier signed in online here before.
  const db = openLocalDb(dataDir);
  writeState(db, 'serverUrl', 'http://127.0.0.1:9');
  writeState(db, 'deviceId', 'BENCH0000000000000000000000');
  writeState(db, 'deviceName', 'Bench counter');
  db.prepare('UPDATE staff SET signed_in_online_at = 1 WHERE id = ?').run('s1');
  db.close();
  saveDeviceToken(dataDir, 'bench-token');

  const screens = path.join(dataDir, 'screens');
  await buildCounterScreens(screens);
  const runner = await openCoreRunner({ dataDir });
  const host = await startHost({ runner, rendererDir: screens, host: '127.0.0.1', port: 0 });
  const browser = await launchChromium();
  try {
    await runner.run('signInWithPin', { staffId: 's1', pin: TEST_PIN });
    // The host's CSP forbids eval, which Playwright's string predicates use: the bench's own probes only.
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, bypassCSP: true });
    await page.goto(host.url);
    await page.getByRole('combobox').waitFor();
    await page.evaluate(installScanClock);
    const newSale = page.getByRole('button', { name: 'New sale' });
    let missed = 0;
    for (const [n, barcode] of barcodes.entries()) {
      if (n > 0 && n % 25 === 0) {
        await newSale.click();
        await page.waitForFunction(`document.querySelectorAll('[data-testid=sale-line]').length === 0`);
      }
      const before = (await page.evaluate('window.scanTimes.length')) as number;
      await page.keyboard.type(barcode);
      await page.keyboard.press('Enter');
      // A scan the screen did not take as one (a key held up > 100 ms on a busy machine splits the burst) is counted
      // as missed, its leftovers cleared, and the bench goes on.
      const taken = await page
        .waitForFunction(`window.scanTimes.length > ${before}`, undefined, { timeout: 3_000 })
        .then(() => true)
        .catch(() => false);
      if (!taken) {
        missed++;
        await page.getByRole('combobox').fill('');
      }
    }
    return { times: (await page.evaluate('window.scanTimes')) as number[], missed };
  } finally {
    await browser.close();
    await host.close();
    await runner.close();
  }
}

/**
 * Runs in the page (a string: this file is type-checked without the DOM): records Enter's timestamp, then the first
 * animation frame after the sale's line count changed, in `window.scanTimes`.
 */
const installScanClock = `(() => {
  window.scanTimes = [];
  let enterAt = null;
  const lineCount = () => document.querySelectorAll('[data-testid=sale-line]').length;
  let lines = lineCount();
  window.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') enterAt = event.timeStamp;
  }, { capture: true });
  new MutationObserver(() => {
    const now = lineCount();
    if (now === lines) return;
    lines = now;
    if (enterAt === null || now === 0) return;
    const started = enterAt;
    enterAt = null;
    requestAnimationFrame(() => window.scanTimes.push(performance.now() - started));
  }).observe(document.body, { childList: true, subtree: true });
})()`;
