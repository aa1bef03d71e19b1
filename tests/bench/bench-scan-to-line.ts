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
 *
 * A frame is drawn only at the display's beat (60 Hz here, as on the counter's screen), which does not wait for the
 * scanner: so the same run also answers, per scan, the time from Enter to the first frame after it (what the line
 * would take if everything else took no time at all) and how many lines were drawn in that very frame.
 */
export interface ScanToLine {
  /** Enter to the frame that draws the line, ms. */
  times: number[];
  /** Enter to the first frame after it, ms: the floor of `times`. */
  firstFrames: number[];
  /** Enter to the line in the page (React's commit, before any frame draws it), ms: the screens' own work. */
  inPage: number[];
  /** Lines drawn in the first frame after their Enter. */
  inFirstFrame: number;
  missed: number;
}

export async function benchScanToLine(dataDir: string, barcodes: string[]): Promise<ScanToLine> {
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
      const before = (await page.evaluate('window.scanClock.times.length')) as number;
      await page.keyboard.type(barcode);
      await page.keyboard.press('Enter');
      // A scan the screen did not take as one (a key held up > 100 ms on a busy machine splits the burst) is counted
      // as missed, its leftovers cleared, and the bench goes on.
      // Asked of the page once and answered when its clock records the scan: polling for it (waitForFunction
      // checks at every animation frame) would keep the page's main thread busy with the bench's own work while the
      // scan is being measured.
      const taken = (await page.evaluate(`window.scanTaken(${before}, 3000)`)) as boolean;
      if (!taken) {
        missed++;
        await page.getByRole('combobox').fill('');
      }
    }
    const clock = (await page.evaluate('window.scanClock')) as Omit<ScanToLine, 'missed'>;
    return { ...clock, missed };
  } finally {
    await browser.close();
    await host.close();
    await runner.close();
  }
}

/**
 * Runs in the page (a string: this file is type-checked without the DOM): records Enter's timestamp, the first
 * animation frame after it, and the first animation frame after the sale's line count changed, in
 * `window.scanClock`; `window.scanTaken(before, ms)` resolves once a scan past `before` is recorded (false after ms).
 */
const installScanClock = `(() => {
  const clock = { times: [], firstFrames: [], inPage: [], inFirstFrame: 0 };
  window.scanClock = clock;
  const waiting = [];
  window.scanTaken = (before, timeoutMs) =>
    clock.times.length > before ||
    new Promise((resolve) => {
      waiting.push(resolve);
      setTimeout(() => resolve(false), timeoutMs);
    });
  let enterAt = null;
  const firstFrameOf = new Map();
  const lineCount = () => document.querySelectorAll('[data-testid=sale-line]').length;
  let lines = lineCount();
  window.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    const at = event.timeStamp;
    enterAt = at;
    // The field the scan went to is cleared at this Enter, so this frame is one the page draws anyway.
    requestAnimationFrame((frameTime) => {
      firstFrameOf.set(at, frameTime);
      clock.firstFrames.push(performance.now() - at);
    });
  }, { capture: true });
  new MutationObserver(() => {
    const now = lineCount();
    if (now === lines) return;
    lines = now;
    if (enterAt === null || now === 0) return;
    const started = enterAt;
    enterAt = null;
    clock.inPage.push(performance.now() - started);
    requestAnimationFrame((frameTime) => {
      clock.times.push(performance.now() - started);
      if (firstFrameOf.get(started) === frameTime) clock.inFirstFrame++;
      firstFrameOf.clear();
      for (const wake of waiting.splice(0)) wake(true);
    });
  }).observe(document.body, { childList: true, subtree: true });
})()`;
