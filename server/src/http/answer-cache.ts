import { gzipSync } from 'node:zlib';
import type { Request, Response } from 'express';
import type { z } from 'zod';
import { bufferBytes, stringBytes } from './heap-size';

/**
 * Caches of answers that stay right while a version number stays the same: the change feed's head, which every
 * catalog and stock write bumps in its own transaction (sync/change-log.ts). Nothing is ever invalidated by hand:
 * a request reads the current version first, and an entry made under another version is never served. Several
 * processes on one database stay correct because the version lives in the database, not in a process.
 */

/** What a kept entry costs besides its value: its key, the map's slot and the entry record. */
export function entryOverheadBytes(key: string): number {
  return stringBytes(key) + 128;
}

/**
 * A map of computed values valid for one version, least recently used evicted first once what they hold passes
 * `maxBytes`: each entry counts its value (`sizeOf`, which must count what the value really keeps in memory), its
 * key and its bookkeeping. Seeing a newer version drops everything; concurrent requests for the same key and
 * version share one computation.
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
      if (version === this.#version) this.#store(key, value, sizeOf(value) + entryOverheadBytes(key));
      return { value, source: 'miss' };
    } finally {
      this.#pending.delete(pendingKey);
    }
  }

  /** The value kept for `key` at `version`, or undefined: never computes (the fast path, fast-answers.ts). */
  peek(version: number, key: string): V | undefined {
    this.#advance(version);
    if (version !== this.#version) return undefined;
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.value;
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
/** The object, its ETag string and the closure that reports growth. */
const SERIALIZED_OVERHEAD = 256;

/**
 * A copy of `buffer` that owns exactly its bytes. Small buffers are slices of a shared 8 KiB pool and zlib's output
 * is a slice of a 16 KiB chunk: kept in a cache, a 400-byte slice would hold its whole pool or chunk alive.
 */
function ownedCopy(buffer: Buffer): Buffer {
  if (buffer.byteOffset === 0 && buffer.buffer.byteLength === buffer.length) return buffer;
  const copy = Buffer.allocUnsafeSlow(buffer.length);
  buffer.copy(copy);
  return copy;
}

/** A JSON answer serialized once, with its ETag and gzip copy made on first need and kept with it. */
export class SerializedJson {
  readonly body: Buffer;
  #etag: string | undefined;
  #gzip: Buffer | undefined;
  readonly #onGrow: ((json: SerializedJson, bytes: number) => void) | undefined;

  constructor(value: unknown, onGrow?: (json: SerializedJson, bytes: number) => void) {
    // What res.json would send: the app sets no JSON replacer, spaces or escaping.
    this.body = ownedCopy(Buffer.from(JSON.stringify(value), 'utf8'));
    this.#onGrow = onGrow;
  }

  /** Memory held: the body, its gzip copy once made (each with its buffer objects), and bookkeeping. */
  get bytes(): number {
    return bufferBytes(this.body) + (this.#gzip ? bufferBytes(this.#gzip) : 0) + SERIALIZED_OVERHEAD;
  }

  etag(make: (body: Buffer) => string): string {
    this.#etag ??= make(this.body);
    return this.#etag;
  }

  gzip(): Buffer {
    if (!this.#gzip) {
      this.#gzip = ownedCopy(gzipSync(this.body, { level: 9 }));
      this.#onGrow?.(this, bufferBytes(this.#gzip));
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

  /** The current version, read as every answer reads it (once per request). */
  version(): Promise<number> {
    return this.#readVersion();
  }

  answer(key: string, produce: (version: number) => Promise<unknown>): Promise<PreparedAnswer> {
    return this.version().then((version) => this.answerAt(version, key, () => produce(version)));
  }

  /** The answer of `key` at a version the caller has read (to work out the key from that version's data). */
  async answerAt(version: number, key: string, produce: () => Promise<unknown>): Promise<PreparedAnswer> {
    let value: unknown;
    const { value: json, source } = await this.#entries.get(
      version,
      key,
      async () => {
        value = await produce();
        return this.#serialize(key, value);
      },
      (json) => json.bytes,
    );
    return new PreparedAnswer(json, source, source === 'miss' ? value : undefined);
  }

  /** The answer kept for `key` at `version`, if any: what the fast path sends without calling a handler. */
  peek(version: number, key: string): SerializedJson | undefined {
    return this.#entries.peek(version, key);
  }

  /**
   * In a function of its own: a callback made in `answerAt` would keep that call's variables, the answer as an
   * object among them, alive as long as the entry.
   */
  #serialize(key: string, value: unknown): SerializedJson {
    return new SerializedJson(value, (json, bytes) => this.#entries.grow(key, json, bytes));
  }
}

export interface SendOptions {
  status: number;
  /** The route's response schema, to check an answer computed for this request against (tests, development). */
  schema: z.ZodType | null;
  /**
   * Say in `x-cache: hit|shared|miss` where the answer came from (tests, development). Never in production: a hit
   * tells anyone that someone else asked the same thing since the last catalog change (what others search for).
   */
  cacheHeader: boolean;
}

/**
 * Sends a prepared answer as res.json would (same body, content type and ETag, 304 when the client's ETag
 * matches). Clients that take gzip get the kept gzip copy: the compression middleware leaves an answer that
 * already has a Content-Encoding alone, and keeps the ETag as it does for the answers it compresses itself (it
 * adds `Vary: Accept-Encoding` to both).
 */
export function sendPrepared(
  req: Request,
  res: Response,
  answer: PreparedAnswer,
  options: SendOptions,
): void {
  if (options.schema && answer.value !== undefined) options.schema.parse(answer.value);
  const { json } = answer;
  res.status(options.status);
  res.setHeader('content-type', 'application/json; charset=utf-8');
  if (options.cacheHeader) res.setHeader('x-cache', answer.cache);
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
