import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium (package chromium): playwright-core drives it; no browser is ever downloaded. */
export const chromiumPath = '/usr/bin/chromium';

/**
 * Headless in a container (no sandbox, no GPU), and quiet: no background traffic, component updates or QUIC probes
 * that would show up among a page's requests or skew the timings of the benchmark.
 */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-quic',
  '--no-first-run',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}
