import type { Page } from 'playwright-core';

/** The gap a USB barcode scanner leaves between the keys it "types". */
const SCANNER_KEY_GAP_MS = 5;

/**
 * Types `code` and Enter as a barcode scanner does: keys a few milliseconds apart by the keyboard's clock. Each key is
 * sent through the DevTools protocol with the time it was "pressed", as the operating system stamps a real key, so
 * a renderer that is slow to take the keys (two browser tests and their servers on two busy cores) still sees them
 * as the scanner's burst: Playwright's own typing stamps a key when it arrives, and under load those stamps spread
 * far past the gap that tells a scanner from a person (desktop/src/renderer/sale/scanner.ts). The characters land in
 * whatever field has focus, as a scanner's do.
 */
export async function typeLikeAScanner(page: Page, code: string): Promise<void> {
  const session = await page.context().newCDPSession(page);
  try {
    const pressedAt = Date.now() / 1000;
    const keys = [...code, 'Enter'];
    for (const [i, key] of keys.entries()) {
      const timestamp = pressedAt + (i * SCANNER_KEY_GAP_MS) / 1000;
      const { code: keyCode, keyCodeNumber } = physicalKey(key);
      const common = { key, code: keyCode, windowsVirtualKeyCode: keyCodeNumber, timestamp };
      if (key === 'Enter') {
        await session.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...common });
        await session.send('Input.dispatchKeyEvent', { type: 'char', text: '\r', ...common });
      } else {
        await session.send('Input.dispatchKeyEvent', { type: 'keyDown', text: key, ...common });
      }
      await session.send('Input.dispatchKeyEvent', { type: 'keyUp', ...common });
    }
  } finally {
    await session.detach();
  }
}

/** KeyboardEvent.code and the Windows virtual key code of a character a barcode holds. */
function physicalKey(key: string): { code: string; keyCodeNumber: number } {
  if (key === 'Enter') return { code: 'Enter', keyCodeNumber: 13 };
  if (/^[0-9]$/.test(key)) return { code: `Digit${key}`, keyCodeNumber: key.charCodeAt(0) };
  if (/^[a-z]$/i.test(key))
    return { code: `Key${key.toUpperCase()}`, keyCodeNumber: key.toUpperCase().charCodeAt(0) };
  if (key === '-') return { code: 'Minus', keyCodeNumber: 189 };
  if (key === '.') return { code: 'Period', keyCodeNumber: 190 };
  if (key === '/') return { code: 'Slash', keyCodeNumber: 191 };
  return { code: '', keyCodeNumber: 0 };
}
