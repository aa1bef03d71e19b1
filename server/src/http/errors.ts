import type { ErrorCode } from '@shop/shared';

/** Typed errors services throw; the error handler maps each to its status and JSON body. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class Invalid extends AppError {
  constructor(message: string, fields?: Record<string, string>) {
    super('invalid', 400, message, fields);
  }
}

export class Unauthenticated extends AppError {
  constructor(message = 'Sign in to continue') {
    super('unauthenticated', 401, message);
  }
}

export class Forbidden extends AppError {
  constructor(message = 'You are not allowed to do this') {
    super('forbidden', 403, message);
  }
}

export class NotFound extends AppError {
  constructor(message = 'Not found') {
    super('not_found', 404, message);
  }
}

export class Conflict extends AppError {
  constructor(message: string, fields?: Record<string, string>) {
    super('conflict', 409, message, fields);
  }
}

export class RateLimited extends AppError {
  constructor(
    readonly retryAfterSeconds: number,
    message = 'Too many attempts. Please wait a moment and try again.',
  ) {
    super('rate_limited', 429, message);
  }
}

/** The server is busy with what others sent; the client may try again after `retryAfterSeconds`. */
export class Unavailable extends AppError {
  constructor(
    readonly retryAfterSeconds: number,
    message = 'The shop is very busy right now. Please try again in a moment.',
  ) {
    super('unavailable', 503, message);
  }
}
