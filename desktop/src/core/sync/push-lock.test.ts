import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openLocalDb } from '../local-db/open';
import { tempDirs } from '../test-support/fixtures';
import { pushLock } from './push-lock';

const newDir = tempDirs();
const holderScript = fileURLToPath(new URL('../test-support/push-lock-holder.ts', import.meta.url));
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** Starts another process on the same folder; resolves with whether it got the lock. */
function otherProcess(dataDir: string): Promise<{ child: ChildProcess; acquired: boolean }> {
  const child = fork(holderScript, [dataDir], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once('message', (message) =>
      resolve({ child, acquired: (message as { acquired: boolean }).acquired }),
    );
    child.once('exit', (code) => reject(new Error(`the other process exited (${code}) before answering`)));
  });
}

const exited = (child: ChildProcess) => new Promise((resolve) => child.once('exit', resolve));

describe('one pusher per counter', () => {
  it('lets exactly one of several processes push, and the others wait', async () => {
    const dataDir = newDir();
    openLocalDb(dataDir).close();
    const answers = await Promise.all([otherProcess(dataDir), otherProcess(dataDir), otherProcess(dataDir)]);
    expect(answers.filter((a) => a.acquired)).toHaveLength(1);
    const db = openLocalDb(dataDir);
    const mine = pushLock(db);
    expect(mine.acquire()).toBe(false);
    // The holder lets go (the window closed): now this one may push.
    const holder = answers.find((a) => a.acquired)!.child;
    holder.send('release');
    await exited(holder);
    expect(mine.acquire()).toBe(true);
    expect(mine.holder()).toBe(mine.owner);
    db.close();
  });

  it('takes over the lock of a process that crashed, at once', async () => {
    const dataDir = newDir();
    openLocalDb(dataDir).close();
    const { child, acquired } = await otherProcess(dataDir);
    expect(acquired).toBe(true);
    const db = openLocalDb(dataDir);
    const mine = pushLock(db);
    expect(mine.acquire()).toBe(false);
    child.kill('SIGKILL');
    await exited(child);
    expect(mine.acquire()).toBe(true);
    db.close();
  });

  it('takes over a lock whose heartbeat stopped (a process hung, or on another machine sharing the folder)', async () => {
    const dataDir = newDir();
    openLocalDb(dataDir).close();
    const { acquired } = await otherProcess(dataDir);
    expect(acquired).toBe(true);
    const db = openLocalDb(dataDir);
    expect(pushLock(db, { staleMs: 30_000 }).acquire()).toBe(false);
    expect(pushLock(db, { staleMs: 30_000, now: () => Date.now() + 60_000 }).acquire()).toBe(true);
    db.close();
  });
});
