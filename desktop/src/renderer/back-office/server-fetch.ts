import type { FormPart, ServerAnswer, ServerRequest } from '../../core/back-office/server-request';
import { run } from '../bridge';

/**
 * `fetch` for the typed API client in the back office: the request travels to the core (serverRequest), which sends
 * it to the shop server with the back-office session; the core's answer becomes a Response again. The screens thus
 * use the same client and route table as the web shop, and never hold a server credential themselves.
 */
export const serverFetch: typeof fetch = async (input, init = {}) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  const headers = new Headers(init.headers);
  const request: ServerRequest = {
    method: (init.method ?? 'GET').toUpperCase(),
    path: url,
    ...(headers.get('accept') && { accept: headers.get('accept')! }),
    ...(await bodyOf(init.body)),
  };
  const answer = await run<ServerAnswer>('serverRequest', request);
  return toResponse(answer);
};

async function bodyOf(body: RequestInit['body']): Promise<Pick<ServerRequest, 'body'>> {
  if (body === undefined || body === null) return {};
  if (typeof body === 'string') return { body: { json: body } };
  if (body instanceof FormData) {
    const form: FormPart[] = [];
    for (const [name, value] of body.entries())
      form.push(
        typeof value === 'string'
          ? { name, value }
          : { name, fileName: value.name, type: value.type, base64: await base64Of(value) },
      );
    return { body: { form } };
  }
  throw new TypeError('the back office sends JSON text or forms only');
}

function toResponse(answer: ServerAnswer): Response {
  const headers = answer.contentType ? { 'content-type': answer.contentType } : undefined;
  if (answer.status === 204 || answer.status === 304) return new Response(null, { status: answer.status });
  const body = answer.base64 !== undefined ? bytesOf(answer.base64) : (answer.text ?? '');
  return new Response(body, { status: answer.status, ...(headers && { headers }) });
}

async function base64Of(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  // In slices: String.fromCharCode with a whole picture's bytes as arguments overflows the stack.
  for (let at = 0; at < bytes.length; at += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return btoa(binary);
}

function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
