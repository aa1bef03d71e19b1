import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request, Response } from 'express';
import multer from 'multer';
import { AppError, Invalid, RateLimited } from '../http/errors';
import { UploadGate } from './upload-gate';

/** One file received from a multipart/form-data request, in a temporary file on this machine's disk. */
export interface UploadedFile {
  /** Removed when the answer has been sent or the sender went away, whatever happened in between. */
  path: string;
  /** The name on the sender's disk: for logs and audit only, never trusted for the type. */
  originalName: string;
  size: number;
}

/**
 * An upload route's request, not read yet: the handler checks what the file is for (the order is the caller's,
 * the product exists) and then calls `receive()`, so nobody makes the server take in megabytes for nothing.
 */
export interface IncomingUpload<Fields> {
  /** Reads the request (once; calling again answers the same): the file, or null when none was sent, and the text fields. */
  receive(): Promise<ReceivedUpload<Fields>>;
}

export interface ReceivedUpload<Fields> {
  file: UploadedFile | null;
  fields: Fields;
}

export interface UploadSettings {
  /** Where files are written while they arrive: the data folder's tmp/. */
  tmpDir: string;
  atOnce: number;
  atOncePerUser: number;
}

export interface UploadSpec<Fields> {
  field: string;
  maxBytes: number;
  /** Who sends it (a user id): how many uploads one sender has open at once is capped. */
  sender: string;
  /** Validates the text fields sent beside the file. */
  readFields: (raw: unknown) => Fields;
}

export interface UploadReceiver {
  incoming<Fields>(req: Request, res: Response, spec: UploadSpec<Fields>): IncomingUpload<Fields>;
  /** Uploads in progress in this process (tests, metrics). */
  readonly open: number;
}

/** Temporary files older than this are left over from a process that stopped mid-upload. */
const LEFT_OVER_AFTER_MS = 24 * 60 * 60_000;
const TEMP_PREFIX = 'upload-';

/**
 * Receives upload routes' files, streamed to temporary files rather than held in memory, with a cap on uploads at
 * once per sender and in total (upload-gate.ts). One per process.
 */
export function createUploadReceiver(settings: UploadSettings): UploadReceiver {
  const gate = new UploadGate({ atOnce: settings.atOnce, atOncePerSender: settings.atOncePerUser });
  void removeLeftovers(settings.tmpDir);
  return {
    incoming<Fields>(req: Request, res: Response, spec: UploadSpec<Fields>): IncomingUpload<Fields> {
      let received: Promise<ReceivedUpload<Fields>> | undefined;
      return { receive: () => (received ??= receive(req, res, spec, gate, settings.tmpDir)) };
    },
    get open() {
      return gate.open;
    },
  };
}

async function receive<Fields>(
  req: Request,
  res: Response,
  spec: UploadSpec<Fields>,
  gate: UploadGate,
  tmpDir: string,
): Promise<ReceivedUpload<Fields>> {
  // Gone while the handler checked the target: there is nobody to answer and no place to give back later.
  if (res.closed) throw new Invalid('The upload was cancelled');
  const leave = gate.enter(spec.sender);
  const files = new TempFiles(tmpDir);
  // 'close' comes after the answer is sent and when the connection drops mid-upload: every way a request ends. A
  // file that cannot be removed now (the disk failing) is swept as a leftover at the next start.
  res.once(
    'close',
    () =>
      void files
        .removeAll()
        .catch(() => undefined)
        .finally(leave),
  );
  const middleware = multer({
    storage: files.storageEngine(),
    limits: { fileSize: spec.maxBytes, files: 1, fields: 10, fieldSize: 2048, parts: 11 },
  }).single(spec.field);
  await new Promise<void>((resolve, reject) => {
    middleware(req, res, (error: unknown) => (error ? reject(toHttpError(error, spec)) : resolve()));
  });
  const file = req.file;
  return {
    file: file ? { path: file.path, originalName: file.originalname, size: file.size } : null,
    fields: spec.readFields(req.body),
  };
}

/** One request's temporary files: written as they arrive, all removed when the request is over. */
class TempFiles {
  readonly #files: { path: string; stream: fs.WriteStream; closed: Promise<void> }[] = [];
  #over = false;

  constructor(readonly dir: string) {}

  storageEngine(): multer.StorageEngine {
    return {
      _handleFile: (_req, file, done) => {
        this.write(file.stream).then((stored) => done(null, stored), done);
      },
      // Multer gives up on a file (a later part failed): it goes with the others when the request is over.
      _removeFile: (_req, _file, done) => done(null),
    };
  }

  async write(source: Readable): Promise<{ path: string; size: number }> {
    await fs.promises.mkdir(this.dir, { recursive: true });
    if (this.#over) throw new Error('The request is over');
    const file = path.join(this.dir, `${TEMP_PREFIX}${randomBytes(12).toString('hex')}.part`);
    const stream = fs.createWriteStream(file, { flags: 'wx' });
    const closed = new Promise<void>((resolve) => stream.once('close', () => resolve()));
    this.#files.push({ path: file, stream, closed });
    await pipeline(source, stream);
    return { path: file, size: stream.bytesWritten };
  }

  async removeAll(): Promise<void> {
    this.#over = true;
    await Promise.all(
      this.#files.map(async ({ path: file, stream, closed }) => {
        // A write still going (the sender left mid-file) stops first, so the file is not made again after it is
        // removed and its descriptor is closed.
        stream.destroy();
        await closed;
        await fs.promises.rm(file, { force: true });
      }),
    );
  }
}

/** Removes temporary files a stopped process left behind; another process's uploads in progress are younger. */
async function removeLeftovers(dir: string): Promise<void> {
  const names = await fs.promises.readdir(dir).catch(() => [] as string[]);
  const cutoff = Date.now() - LEFT_OVER_AFTER_MS;
  for (const name of names.filter((n) => n.startsWith(TEMP_PREFIX))) {
    const file = path.join(dir, name);
    const stat = await fs.promises.stat(file).catch(() => null);
    if (stat && stat.mtimeMs < cutoff) await fs.promises.rm(file, { force: true }).catch(() => undefined);
  }
}

function toHttpError(error: unknown, spec: { field: string; maxBytes: number }): Error {
  if (error instanceof multer.MulterError && error.code === 'LIMIT_FILE_SIZE') {
    return new AppError('payload_too_large', 413, 'The file is too large', {
      [spec.field]: `must be at most ${Math.round(spec.maxBytes / (1024 * 1024))} MB`,
    });
  }
  if (error instanceof multer.MulterError && error.code === 'LIMIT_UNEXPECTED_FILE')
    return new Invalid(`Send one file, in the field "${spec.field}"`, {
      [spec.field]: 'send exactly one file',
    });
  // The disk (full, not writable) is the shop's problem, not a bad request: a logged 500.
  if (error instanceof Error && 'syscall' in error) return error;
  return new Invalid('The upload could not be read: send it as multipart/form-data');
}

/** Turns a rate limit's generic 429 into one that says which limit it was; other errors pass unchanged. */
export function explainLimit(message: string): (error: unknown) => never {
  return (error) => {
    if (error instanceof RateLimited) throw new RateLimited(error.retryAfterSeconds, message);
    throw error;
  };
}
