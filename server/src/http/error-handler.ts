import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { ApiErrorBody, ErrorCode } from '@shop/shared';
import { AppError, RateLimited, Unavailable } from './errors';

/**
 * The one place errors become HTTP answers: typed errors keep their status and fields, body-parser failures
 * become 400/413, anything else is a logged 500 whose body says nothing about the internals.
 */
export const errorHandler: ErrorRequestHandler = (error: unknown, req, res, next) => {
  if (res.headersSent) return next(error);
  const requestId = String(req.id ?? '');
  const known = toKnownError(error);
  if (!known) {
    req.log.error({ err: error }, 'unhandled error');
    return send(res, 500, { code: 'internal', message: 'Something went wrong on our side', requestId });
  }
  if (error instanceof RateLimited || error instanceof Unavailable)
    res.setHeader('retry-after', String(error.retryAfterSeconds));
  return send(res, known.status, { ...known.body, requestId });
};

/** Unknown routes under /api answer JSON 404 instead of Express's HTML page. */
export const apiNotFound: RequestHandler = (req, res) => {
  send(res, 404, { code: 'not_found', message: `No route ${req.method} ${req.originalUrl.split('?')[0]}` });
};

function toKnownError(error: unknown): { status: number; body: ApiErrorBody['error'] } | null {
  if (error instanceof AppError) {
    return {
      status: error.status,
      body: { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) },
    };
  }
  const type = (error as { type?: string }).type;
  if (type === 'entity.parse.failed') return bodyError(400, 'invalid', 'The request body is not valid JSON');
  if (type === 'entity.too.large')
    return bodyError(413, 'payload_too_large', 'The request body is too large');
  if (type === 'encoding.unsupported' || type === 'charset.unsupported')
    return bodyError(415, 'invalid', 'Send the body as UTF-8 JSON');
  // serve-static and friends (http-errors): a missing asset is a 404 to answer, not a failure to log.
  const status =
    (error as { status?: unknown; statusCode?: unknown }).status ??
    (error as { statusCode?: unknown }).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return status === 404
      ? bodyError(404, 'not_found', 'Not found')
      : bodyError(status, 'invalid', 'The request could not be understood');
  }
  if (error instanceof URIError) return bodyError(400, 'invalid', 'The address is not valid');
  return null;
}

function bodyError(status: number, code: ErrorCode, message: string) {
  return { status, body: { code, message } };
}

function send(res: Parameters<RequestHandler>[1], status: number, error: ApiErrorBody['error']): void {
  res.status(status).json({ error } satisfies ApiErrorBody);
}
