import type { Request } from 'express';
import type { BodyAccount, BodyBudget } from './body-budget';
import { AppError, Invalid } from './errors';

export interface BodyReading {
  /** The route's limit (body-limits.ts). */
  maxBytes: number;
  /** The body must have arrived this long after reading starts. */
  timeoutMs: number;
  budget: BodyBudget;
}

/**
 * Reads and parses the JSON body of a request whose route takes one, once that route has let the caller in: within
 * the route's limit, against the process's budget for bodies as their bytes arrive (a client that sends slowly holds
 * only what it has sent), and cut when it stalls. Undefined when the request has no body.
 */
export async function readJsonBody(req: Request, reading: BodyReading): Promise<unknown> {
  const declared = declaredLength(req);
  if (declared === 0) return undefined;
  checkFormat(req);
  if (declared !== null && declared > reading.maxBytes) throw tooLarge(reading.maxBytes);
  const account = await reading.budget.admit(req.ip ?? null);
  try {
    const raw = await receive(req, reading, account);
    return raw.length ? parse(raw) : undefined;
  } finally {
    account.close();
  }
}

/** Content-Length, null for a chunked body, 0 when there is no body. */
function declaredLength(req: Request): number | null {
  const length = req.headers['content-length'];
  if (length !== undefined) return Number(length);
  return req.headers['transfer-encoding'] === undefined ? 0 : null;
}

function checkFormat(req: Request): void {
  if (!req.is('application/json'))
    throw new AppError('invalid', 415, 'Send the body as JSON, with Content-Type: application/json');
  const charset = /;\s*charset=("?)([^";]+)\1/i.exec(req.headers['content-type'] ?? '')?.[2];
  if (charset !== undefined && !/^utf-?8$/i.test(charset))
    throw new AppError('invalid', 415, 'Send the body as UTF-8 JSON');
  const encoding = req.headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity')
    throw new AppError('invalid', 415, 'Send the body uncompressed (no Content-Encoding)');
}

function tooLarge(maxBytes: number): AppError {
  return new AppError(
    'payload_too_large',
    413,
    `The request body is too large: this request takes at most ${Math.round(maxBytes / 1024)} KB`,
  );
}

function receive(req: Request, { maxBytes, timeoutMs }: BodyReading, account: BodyAccount): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let ended = false;
    let waitingForRoom = 0;
    let done = false;
    const finish = (error: Error | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('close', onClose);
      req.off('error', onError);
      if (!error) return resolve(Buffer.concat(chunks, received));
      chunks.length = 0;
      reject(error);
    };
    // The body is whole once it has ended and every chunk has its room ('end' may come before the room does).
    const finishIfWhole = () => {
      if (ended && waitingForRoom === 0) finish(null);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes) {
        finish(tooLarge(maxBytes));
        // What is still coming is discarded, for as long as the connection lingers (http/connections.ts).
        req.resume();
        return;
      }
      chunks.push(chunk);
      // The next chunk is taken in once this one has its room in the budget (at once, unless bodies fill it).
      waitingForRoom++;
      req.pause();
      account.take(chunk.length).then(
        () => {
          waitingForRoom--;
          if (done) return;
          req.resume();
          finishIfWhole();
        },
        (error: Error) => finish(error),
      );
    };
    const onEnd = () => {
      ended = true;
      finishIfWhole();
    };
    const onClose = () => {
      if (!ended) finish(new Invalid('The request body was cut off before its end'));
    };
    const onError = (error: Error) => finish(error);
    // A client this slow is answered, and its connection lingers (http/connections.ts). At a slightly random moment:
    // thousands of slow clients that came together, and would come back together, are cut apart.
    const timer = setTimeout(
      () => finish(new AppError('invalid', 408, 'The request body took too long to arrive')),
      timeoutMs * (0.8 + 0.2 * Math.random()),
    );
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('close', onClose);
    req.on('error', onError);
  });
}

function parse(raw: Buffer): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    throw new Invalid('The request body is not valid UTF-8');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Invalid('The request body is not valid JSON');
  }
}
