import { gzipSync } from 'node:zlib';
import type { Request, Response } from 'express';
import type { z } from 'zod';

/**
 * Caches of answers that stay right while a version number stays the same: the change feed's head, which every
 * catalog and stock write bumps in its own transaction (sync/change-log.ts). Nothing is ever invalidated by hand:
 * a request reads the current version first, and an entry made under another version is never served. Several
 * processes on one database stay correct because the version lives in the database, not in a process.
 */

/**
 * A map of computed values valid for one version, least recently used evicted first once their estimated size
 * passes `maxBytes`. Seeing a newer version drops everything; concurrent requests for the same key and version
 * share one computation.
 */
export class VersionedCache<V> {
  readonly #maxBytes: number;
  readonly #entries = new Map<string, { value: V; bytes: number }>();
  readonly #pending = new Map<string, Promise<V>>();
  #version = Number.NEGATIVE_INFINITY;
  #bytes = 0;

  constructor(options: { maxBytes: number }) {
    this.#maxBytes = options.maxBytes;
  }

  get bytes(): number {
    return this.#bytes;
  }

  get size(): number {
    return this.#entries.size;
  }

  /**
   * The value of `key` at `version`: from the cache (`hit`), from a computation another request started
   * (`shared`), or computed now (`miss`). Values computed for an older version than the newest seen are returned
   * but not kept.
   */
  async get(
    version: number,
    key: string,
    compute: () => Promise<V>,
    sizeOf: (value: V) => number,
  ): Promise<{ value: V; source: 'hit' | 'shared' | 'miss' }> {
    this.#advance(version);
    if (version === this.#version) {
      const entry = this.#entries.get(key);
      if (entry) {
        this.#entries.delete(key);
        this.#entries.set(key, entry);
        return { value: entry.value, source: 'hit' };
      }
    }
    const pendingKey = `${version}\u0000${key}`;
    const pending = this.#pending.get(pendingKey);
    if (pending) return { value: await pending, source: 'shared' };
    const computing = compute();
    this.#pending.set(pendingKey, computing);
    try {
      const value = await computing;
      if (version === this.#version) this.#store(key, value, sizeOf(value));
      return { value, source: 'miss' };
    } finally {
      this.#pending.delete(pendingKey);
    }
  }

  /** Adds to a kept entry's size after the fact (a compressed copy made later); may evict others. */
  grow(key: string, value: V, bytes: number): void {
    const entry = this.#entries.get(key);
    if (!entry || entry.value !== value) return;
    entry.bytes += bytes;
    this.#bytes += bytes;
    this.#evict();
  }

  #advance(version: number): void {
    if (version <= this.#version) return;
    this.#version = version;
    this.#entries.clear();
    this.#bytes = 0;
  }

  #store(key: string, value: V, bytes: number): void {
    if (bytes > this.#maxBytes) return;
    const previous = this.#entries.get(key);
    if (previous) {
      this.#entries.delete(key);
      this.#bytes -= previous.bytes;
    }
    this.#entries.set(key, { value, bytes });
    this.#bytes += bytes;
    this.#evict();
  }

  #evict(): void {
    for (const [key, entry] of this.#entries) {
      if (this.#bytes <= this.#maxBytes) break;
      this.#entries.delete(key);
      this.#bytes -= entry.bytes;
    }
  }
}

/**
 * Reads a version for many callers at once without ever answering a caller with a read that started before it
 * called: callers join the next read, which starts on the next turn of the event loop (so every request parsed
 * in the same turn shares it) and not before the previous read has finished. A request thus sees every write
 * that committed before it arrived (no staleness), while under load the database sees about one version read per
 * turn instead of one per request (with SQLite, reads run on this thread: each costs the event loop).
 */
export function coalescedReader(read: () => Promise<number>): () => Promise<number> {
  let running: Promise<void> | null = null;
  let next: Promise<number> | null = null;
  return () => {
    if (next) return next;
    const ready = running ?? new Promise<void>((resolve) => setImmediate(resolve));
    const joined: Promise<number> = ready.then(() => {
      // From here on, callers wait for the read after this one.
      if (next === joined) next = null;
      const reading = read();
      const settled = reading.then(
        () => undefined,
        () => undefined,
      );
      running = settled;
      void settled.then(() => {
        if (running === settled) running = null;
      });
      return reading;
    });
    next = joined;
    return joined;
  };
}

const COMPRESS_MIN_BYTES = 1024;

/** A JSON answer serialized once, with its ETag and gzip copy made on first need and kept with it. */
export class SerializedJson {
  readonly body: Buffer;
  #etag: string | undefined;
  #gzip: Buffer | undefined;
  readonly #onGrow: ((json: SerializedJson, bytes: number) => void) | undefined;

  constructor(value: unknown, onGrow?: (json: SerializedJson, bytes: number) => void) {
    // What res.json would send: the app sets no JSON replacer, spaces or escaping.
    this.body = Buffer.from(JSON.stringify(value), 'utf8');
    this.#onGrow = onGrow;
  }

  /** Memory held: the body, its gzip copy once made, and bookkeeping. */
  get bytes(): number {
    return this.body.length + (this.#gzip?.length ?? 0) + 200;
  }

  etag(make: (body: Buffer) => string): string {
    this.#etag ??= make(this.body);
    return this.#etag;
  }

  gzip(): Buffer {
    if (!this.#gzip) {
      this.#gzip = gzipSync(this.body, { level: 9 });
      this.#onGrow?.(this, this.#gzip.length);
    }
    return this.#gzip;
  }
}

/** What a handler returns instead of a plain object when its answer is already serialized. */
export class PreparedAnswer {
  constructor(
    readonly json: SerializedJson,
    /** hit: kept from an earlier request; shared: computed once for several concurrent requests; miss: now. */
    readonly cache: 'hit' | 'shared' | 'miss',
    /** The answer as an object when it was computed for this request, to check against the route's schema. */
    readonly value?: unknown,
  ) {}
}

/**
 * A cache of serialized answers keyed by a request key, valid while the version `readVersion` returns is
 * unchanged. The version is read once per request; `produce` gets it, to key caches of its own by it.
 */
export class AnswerCache {
  readonly #entries: VersionedCache<SerializedJson>;
  readonly #readVersion: () => Promise<number>;

  constructor(options: { maxBytes: number; readVersion: () => Promise<number> }) {
    this.#entries = new VersionedCache({ maxBytes: options.maxBytes });
    this.#readVersion = options.readVersion;
  }

  get entries(): VersionedCache<SerializedJson> {
    return this.#entries;
  }

  async answer(key: string, produce: (version: number) => Promise<unknown>): Promise<PreparedAnswer> {
    const version = await this.#readVersion();
    let value: unknown;
    const { value: json, source } = await this.#entries.get(
      version,
      key,
      async () => {
        value = await produce(version);
        return new SerializedJson(value, (json, bytes) => this.#entries.grow(key, json, bytes));
      },
      (json) => json.bytes,
    );
    return new PreparedAnswer(json, source, source === 'miss' ? value : undefined);
  }
}

/**
 * Sends a prepared answer as res.json would (same body, content type and ETag, 304 when the client's ETag
 * matches), plus `x-cache: hit|shared|miss`. Clients that take gzip get the kept gzip copy: the compression
 * middleware leaves an answer that already has a Content-Encoding alone, and keeps the ETag as it does for the
 * answers it compresses itself (it adds `Vary: Accept-Encoding` to both).
 */
export function sendPrepared(
  req: Request,
  res: Response,
  answer: PreparedAnswer,
  status: number,
  schema: z.ZodType | null,
): void {
  if (schema && answer.value !== undefined) schema.parse(answer.value);
  const { json } = answer;
  res.status(status);
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('x-cache', answer.cache);
  const makeEtag = req.app.get('etag fn') as ((body: Buffer, encoding?: string) => string) | undefined;
  if (makeEtag)
    res.setHeader(
      'etag',
      json.etag((body) => makeEtag(body)),
    );
  if (
    req.method === 'GET' &&
    json.body.length >= COMPRESS_MIN_BYTES &&
    !req.fresh &&
    !/\bno-transform\b/.test(String(res.getHeader('cache-control') ?? '')) &&
    req.acceptsEncodings('gzip', 'identity') === 'gzip'
  ) {
    res.setHeader('content-encoding', 'gzip');
    res.send(json.gzip());
    return;
  }
  res.send(json.body);
}
