import { useRef } from 'react';

/** A random key for the Idempotency-Key header (crypto.randomUUID needs a secure page; this does not). */
function newKey(): string {
  if (typeof crypto.randomUUID === 'function' && window.isSecureContext) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * One Idempotency-Key per checkout attempt: the same request sent again (a double click, a retry after the
 * connection dropped before the answer came) carries the same key, so the server answers with the order it already
 * made. A different request (another address, another currency) is a new attempt with a new key, as the server
 * refuses a key reused for a different order.
 */
export function useAttemptKey(): (request: unknown) => string {
  const attempt = useRef<{ request: string; key: string } | null>(null);
  return (request) => {
    const json = JSON.stringify(request);
    if (attempt.current?.request !== json) attempt.current = { request: json, key: newKey() };
    return attempt.current.key;
  };
}
