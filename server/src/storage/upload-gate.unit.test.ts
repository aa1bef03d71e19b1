import { describe, expect, it } from 'vitest';
import { AppError, RateLimited } from '../http/errors';
import { DecodeQueue } from './decode-queue';
import { UploadGate } from './upload-gate';

const refusal = (enter: () => unknown): AppError => {
  try {
    enter();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  return expect.fail('expected a refusal');
};

describe('UploadGate', () => {
  it('refuses a sender past their share with 429, and anyone when the process is full with 503', () => {
    const gate = new UploadGate({ atOnce: 3, atOncePerSender: 2 });
    const a1 = gate.enter('a');
    gate.enter('a');
    const tooMany = refusal(() => gate.enter('a'));
    expect(tooMany).toBeInstanceOf(RateLimited);
    expect(tooMany.message).toMatch(/already sending 2 files/);

    gate.enter('b');
    const full = refusal(() => gate.enter('c'));
    expect([full.status, full.code]).toEqual([503, 'unavailable']);
    expect(gate.open).toBe(3);

    // Giving a place back twice (an answer that ends and a connection that closes) frees it once.
    a1();
    a1();
    expect(gate.open).toBe(2);
    gate.enter('c');
    expect(refusal(() => gate.enter('a')).status).toBe(503);
  });
});

describe('DecodeQueue', () => {
  it('runs at most its size at once, the others in arrival order, and goes on after a failed job', async () => {
    const queue = new DecodeQueue(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const jobs = Array.from({ length: 7 }, (_, i) =>
      queue.run(async () => {
        started.push(i);
        most = Math.max(most, ++running);
        await new Promise((resolve) => setImmediate(resolve));
        running--;
        if (i === 3) throw new Error('damaged');
        return i;
      }),
    );
    expect(queue.load).toEqual({ running: 2, waiting: 5 });
    const results = await Promise.allSettled(jobs);
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
      'fulfilled',
    ]);
    expect(most).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(queue.load).toEqual({ running: 0, waiting: 0 });
  });
});
