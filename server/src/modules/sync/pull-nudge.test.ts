import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pairTestCounter, startTestShop, type TestCounter, type TestShop } from '../../../test/factory';
import { errorHandler } from '../../http/error-handler';
import { createLogger } from '../../logger';
import { authenticateCounter } from '../devices/service';
import { createChangeNudge, type ChangeNudge } from './nudge';

/**
 * The nudge's timing, on a quicker clock than the server's (a tick every 50 ms, a ping after 300 ms of quiet):
 * the same nudge the server mounts at /api/v1/sync/events, on the shop's real database and device tokens.
 */
let shop: TestShop;
let counter: TestCounter;
let nudge: ChangeNudge;
let url: string;
let close: () => Promise<void>;

beforeAll(async () => {
  shop = await startTestShop();
  counter = await pairTestCounter(shop);
  const db = shop.server.database.db;
  nudge = createChangeNudge({
    db,
    logger: createLogger('silent'),
    authenticate: (req) => authenticateCounter(db, req),
    tickMs: 50,
    pingMs: 300,
    perDevice: 2,
    total: 3,
  });
  const app = express();
  app.get('/events', nudge.handle);
  app.use(errorHandler);
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`;
  close = () => new Promise((resolve) => server.close(() => resolve()));
});
afterAll(async () => {
  nudge?.close();
  await close?.();
  await shop?.stop();
});

async function open(token: string) {
  const answer = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  return { answer, reader: answer.body?.getReader() };
}

describe('the nudge', () => {
  it('pings a quiet stream with a comment, and ends every stream when the server shuts down', async () => {
    const { answer, reader } = await open(counter.token);
    expect(answer.status).toBe(200);
    const decoder = new TextDecoder();
    let text = '';
    const started = Date.now();
    while (!text.includes(': ping')) text += decoder.decode((await reader!.read()).value);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(text).toMatch(/^retry: \d+\n\nevent: changes\nid: \d+\ndata: \{"head":\d+\}\n\n/);
    expect(nudge.listeners()).toBe(1);

    nudge.close();
    for (;;) if ((await reader!.read()).done) break;
    expect(nudge.listeners()).toBe(0);
  });

  it('caps the streams of one device and of the process; a closed stream frees its place', async () => {
    expect(nudge.listeners()).toBe(0);
    const other = await pairTestCounter(shop, 'Back office');
    const first = await open(counter.token);
    const second = await open(counter.token);
    expect((await open(counter.token)).answer.status).toBe(429);
    const third = await open(other.token);
    expect(third.answer.status).toBe(200);
    expect((await open(other.token)).answer.status).toBe(429);
    await first.reader!.cancel();
    await expect.poll(() => nudge.listeners()).toBe(2);
    const again = await open(other.token);
    expect(again.answer.status).toBe(200);
    for (const stream of [second, third, again]) await stream.reader!.cancel();
  });
});
