import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { AnswerCache, coalescedReader, entryOverheadBytes, VersionedCache } from './answer-cache';
import { bufferBytes, heapBytes } from './heap-size';

const size = () => 100;
/** What an entry of `size` under a one-letter key costs: its key and bookkeeping count too (issue 9). */
const entry = 100 + entryOverheadBytes('a');

describe('VersionedCache', () => {
  it('keeps values for one version, drops them all when a newer version is seen', async () => {
    const cache = new VersionedCache<string>({ maxBytes: 1000 });
    let computed = 0;
    const compute = async () => `value ${++computed}`;
    expect(await cache.get(1, 'a', compute, size)).toEqual({ value: 'value 1', source: 'miss' });
    expect(await cache.get(1, 'a', compute, size)).toEqual({ value: 'value 1', source: 'hit' });
    expect(await cache.get(2, 'a', compute, size)).toEqual({ value: 'value 2', source: 'miss' });
    expect(cache.size).toBe(1);
    // A request that read an older version is answered but neither served from nor stored in the cache.
    expect(await cache.get(1, 'a', compute, size)).toEqual({ value: 'value 3', source: 'miss' });
    expect(await cache.get(2, 'a', compute, size)).toEqual({ value: 'value 2', source: 'hit' });
  });

  it('peeks at what it keeps for a version without computing, never at an older version', async () => {
    const cache = new VersionedCache<string>({ maxBytes: 1000 });
    expect(cache.peek(1, 'a')).toBeUndefined();
    await cache.get(1, 'a', async () => 'kept', size);
    expect(cache.peek(1, 'a')).toBe('kept');
    // An older version's reader finds nothing, a newer one drops what was kept.
    expect(cache.peek(0, 'a')).toBeUndefined();
    expect(cache.peek(2, 'a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('evicts the least recently used entries beyond its memory bound', async () => {
    const cache = new VersionedCache<string>({ maxBytes: 3 * entry });
    for (const key of ['a', 'b', 'c']) await cache.get(1, key, async () => key, size);
    await cache.get(1, 'a', async () => 'again', size); // a is now the most recently used
    await cache.get(1, 'd', async () => 'd', size);
    expect(cache.bytes).toBe(3 * entry);
    expect((await cache.get(1, 'b', async () => 'b2', size)).source).toBe('miss');
    expect((await cache.get(1, 'a', async () => 'a2', size)).value).toBe('a');
    // Something larger than the whole bound is answered but not kept.
    expect(
      (
        await cache.get(
          1,
          'huge',
          async () => 'x',
          () => 3 * entry + 1,
        )
      ).source,
    ).toBe('miss');
    expect(
      (
        await cache.get(
          1,
          'huge',
          async () => 'y',
          () => 3 * entry + 1,
        )
      ).value,
    ).toBe('y');
  });

  it('computes once for concurrent requests of the same key and version, and not at all after a failure', async () => {
    const cache = new VersionedCache<number>({ maxBytes: 1000 });
    let runs = 0;
    const slow = () => new Promise<number>((resolve) => setTimeout(() => resolve(++runs), 10));
    const answers = await Promise.all([1, 2, 3].map(() => cache.get(5, 'k', slow, size)));
    expect(runs).toBe(1);
    expect(answers.map((a) => a.source).sort()).toEqual(['miss', 'shared', 'shared']);
    await expect(cache.get(6, 'k', () => Promise.reject(new Error('boom')), size)).rejects.toThrow('boom');
    expect((await cache.get(6, 'k', async () => 7, size)).value).toBe(7);
  });
});

describe('coalescedReader', () => {
  it('shares one read among callers of one turn, but never one that started before them', async () => {
    let version = 1;
    const starts: number[] = [];
    const reads: Array<() => void> = [];
    const read = coalescedReader(() => {
      starts.push(version);
      const seen = version;
      return new Promise<number>((resolve) => reads.push(() => resolve(seen)));
    });
    const turn = () => new Promise((resolve) => setImmediate(resolve));
    const first = read();
    const alsoFirst = read(); // same turn: shares the read, which has not started yet
    await turn();
    expect(starts).toEqual([1]); // read #1 started and sees version 1
    version = 2; // a write commits while read #1 runs
    const second = read(); // must not get read #1's answer
    const third = read(); // shares the read #2 that `second` waits for
    await turn();
    expect(starts).toEqual([1]); // read #2 waits for read #1 to finish
    reads.shift()!();
    expect(await first).toBe(1);
    expect(await alsoFirst).toBe(1);
    await turn();
    expect(starts).toEqual([1, 2]);
    reads.shift()!();
    expect(await second).toBe(2);
    expect(await third).toBe(2);
    const fourth = read(); // nothing running: reads on the next turn
    await turn();
    expect(starts).toEqual([1, 2, 2]);
    reads.shift()!();
    expect(await fourth).toBe(2);
  });

  it('recovers from a failed read', async () => {
    let fail = true;
    const read = coalescedReader(async () => {
      if (fail) throw new Error('database gone');
      return 9;
    });
    await expect(read()).rejects.toThrow('database gone');
    fail = false;
    expect(await read()).toBe(9);
  });
});

describe('AnswerCache', () => {
  it('serializes once per version and hands the version to the producer', async () => {
    let head = 3;
    const cache = new AnswerCache({ maxBytes: 10_000, readVersion: async () => head });
    const seen: number[] = [];
    const produce = async (version: number) => {
      seen.push(version);
      return { items: [version] };
    };
    const miss = await cache.answer('k', produce);
    expect(miss.cache).toBe('miss');
    expect(miss.value).toEqual({ items: [3] });
    expect(miss.json.body.toString()).toBe('{"items":[3]}');
    const hit = await cache.answer('k', produce);
    expect(hit.cache).toBe('hit');
    expect(hit.value).toBeUndefined();
    expect(hit.json).toBe(miss.json);
    head = 4;
    expect((await cache.answer('k', produce)).json.body.toString()).toBe('{"items":[4]}');
    expect(seen).toEqual([3, 4]);
  });

  it('counts a gzip copy made later against its memory bound', async () => {
    const cache = new AnswerCache({ maxBytes: 1_000_000, readVersion: async () => 1 });
    const answer = await cache.answer('k', async () => ({ text: 'x'.repeat(5000) }));
    const before = cache.entries.bytes;
    const gzip = answer.json.gzip();
    expect(cache.entries.bytes).toBe(before + bufferBytes(gzip));
    expect(answer.json.gzip()).toBe(gzip);
  });
});

/** Bytes the process holds now, after a full collection: the heap and the buffers' backing stores. */
function memoryInUse(): number {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  gc();
  gc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

/** A listing-sized answer: a page of products and facets, different for every `i`. */
function listingAnswer(i: number) {
  return {
    items: Array.from({ length: 8 }, (_, n) => ({
      id: `01J${String(i).padStart(12, '0')}${String(n).padStart(11, '0')}`,
      name: `Samsung 990 Pro ${n} TB NVMe ${i}`,
      priceCents: 10_000 + ((i * 7 + n) % 5000),
      brand: { slug: 'samsung', name: 'Samsung' },
    })),
    total: i,
    facets: {
      price: { minCents: i, maxCents: i * 3 },
      brands: [{ value: 'samsung', label: 'Samsung', count: i }],
    },
  };
}

// Twenty thousand answers gzipped take a few seconds on a quiet machine, and several times as long on a busy one.
describe('memory bound under many distinct keys (issue 9, finding 14)', () => {
  const MIB = 1024 * 1024;

  it('answers with their gzip copies hold no more than the bound, measured on the heap', async () => {
    const maxBytes = 8 * MIB;
    const cache = new AnswerCache({ maxBytes, readVersion: async () => 1 });
    const before = memoryInUse();
    // 20,000 price filters nobody asks twice: several times what fits.
    for (let i = 0; i < 20_000; i++) {
      const answer = await cache.answer(`products:[[],null,null,${i},null,false]`, async () =>
        listingAnswer(i),
      );
      answer.json.gzip();
    }
    const held = memoryInUse() - before;
    expect(cache.entries.bytes).toBeLessThanOrEqual(maxBytes);
    expect(cache.entries.size).toBeLessThan(20_000);
    // What the entries really hold: within the bound, give or take the estimate's margin.
    expect(held).toBeLessThanOrEqual(maxBytes * 1.1);
  }, 60_000);

  it('memo values measured by heapBytes hold no more than the bound', async () => {
    const maxBytes = 8 * MIB;
    const memo = new VersionedCache<unknown>({ maxBytes });
    const before = memoryInUse();
    for (let i = 0; i < 5_000; i++) {
      // As a database driver hands them over: parsed from the wire (flat strings, boxed fractions).
      const groups = JSON.parse(
        JSON.stringify(
          Array.from({ length: 60 }, (_, n) => ({
            categoryId: `category-${n % 13}-${i}`,
            brandId: `brand-${n}-${i}`,
            count: n,
            minPrice: 100 + n + i / 3,
            maxPrice: 9_000 + n,
            available: n * 2,
          })),
        ),
      ) as unknown[];
      await memo.get(1, `groups:false:[null,null,${i}]`, async () => groups, heapBytes);
    }
    const held = memoryInUse() - before;
    expect(memo.bytes).toBeLessThanOrEqual(maxBytes);
    expect(held).toBeLessThanOrEqual(maxBytes * 1.1);
  }, 60_000);
});
