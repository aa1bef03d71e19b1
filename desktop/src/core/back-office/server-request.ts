import { PosError } from '../errors';

/**
 * One request of the back office to the shop server, as the screens hand it to the core. The screens use the typed
 * API client (shared/api) as in the web shop; only its `fetch` differs: it travels to the core, which sends it with
 * the back-office session. Bodies are JSON text or a form whose files travel as base64 (the Electron IPC and the
 * browser host both carry JSON only).
 */
export interface ServerRequest {
  method: string;
  /** `/api/v1/…` with its query string: a path on the shop server, never an address of its own. */
  path: string;
  accept?: string;
  body?: { json: string } | { form: FormPart[] };
}

export type FormPart =
  { name: string; value: string } | { name: string; fileName: string; type: string; base64: string };

/** The server's answer: text for JSON and text, base64 for anything else (a PDF, a payment screenshot). */
export interface ServerAnswer {
  status: number;
  contentType: string | null;
  text?: string;
  base64?: string;
}

const METHODS: ReadonlySet<string> = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
/** A product picture or a screenshot, base64 and all: the server's own upload limits are below this. */
export const MAX_REQUEST_CHARS = 16 * 1024 * 1024;
// Unreserved and sub-delimiter characters, percent escapes, slashes: no scheme, no host, no backslash, no fragment.
const API_PATH = /^\/api\/v1\/[A-Za-z0-9\-._~%!$&'()*+,;=:@/]*(\?[A-Za-z0-9\-._~%!$&'()*+,;=:@/?]*)?$/;

/** Checks what the screens asked before the core sends anything: the session must not be aimed anywhere else. */
export function checkedRequest(input: unknown): ServerRequest {
  const request = input as Partial<ServerRequest> | null;
  if (!request || typeof request !== 'object') throw new PosError('invalid', 'no request');
  const method = typeof request.method === 'string' ? request.method.toUpperCase() : '';
  if (!METHODS.has(method)) throw new PosError('invalid', 'that request method is not allowed');
  const path = request.path;
  if (typeof path !== 'string' || !API_PATH.test(path) || /(^|\/)\.\.?(\/|\?|$)/.test(path.split('?')[0]!))
    throw new PosError('invalid', 'the back office only talks to the shop server’s API');
  if (JSON.stringify(request.body ?? null).length > MAX_REQUEST_CHARS)
    throw new PosError('invalid', 'that request is too large');
  const body = request.body;
  if (body !== undefined && !isJsonBody(body) && !isFormBody(body))
    throw new PosError('invalid', 'a request body is JSON text or a form');
  return {
    method,
    path,
    ...(typeof request.accept === 'string' && { accept: request.accept }),
    ...(body !== undefined && { body }),
  };
}

function isJsonBody(body: unknown): body is { json: string } {
  return typeof (body as { json?: unknown }).json === 'string';
}

function isFormBody(body: unknown): body is { form: FormPart[] } {
  const form = (body as { form?: unknown }).form;
  return (
    Array.isArray(form) &&
    form.every(
      (part: Record<string, unknown>) =>
        part !== null &&
        typeof part === 'object' &&
        typeof part.name === 'string' &&
        (typeof part.value === 'string' ||
          (typeof part.fileName === 'string' &&
            typeof part.type === 'string' &&
            typeof part.base64 === 'string')),
    )
  );
}

/** The request as fetch sends it. */
export function toFetchInit(request: ServerRequest, bearer: string): RequestInit {
  const headers: Record<string, string> = {
    authorization: `Bearer ${bearer}`,
    accept: request.accept ?? 'application/json',
  };
  let body: string | FormData | undefined;
  if (request.body && 'json' in request.body) {
    headers['content-type'] = 'application/json';
    body = request.body.json;
  } else if (request.body) {
    const form = new FormData();
    for (const part of request.body.form)
      if ('value' in part) form.append(part.name, part.value);
      else
        form.append(
          part.name,
          new Blob([Buffer.from(part.base64, 'base64')], { type: part.type }),
          part.fileName,
        );
    body = form;
  }
  return { method: request.method, headers, ...(body !== undefined && { body }) };
}

/** The server's answer as the screens get it. */
export async function toServerAnswer(response: Response): Promise<ServerAnswer> {
  const contentType = response.headers.get('content-type');
  if (response.status === 204 || response.status === 304) return { status: response.status, contentType };
  const textual = !contentType || /^(application\/(json|problem\+json)|text\/)/i.test(contentType);
  if (textual) return { status: response.status, contentType, text: await response.text() };
  return {
    status: response.status,
    contentType,
    base64: Buffer.from(await response.arrayBuffer()).toString('base64'),
  };
}
