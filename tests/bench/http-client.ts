import http from 'node:http';
import { performance } from 'node:perf_hooks';

export interface HttpAnswer {
  status: number;
  body: string;
  /** Milliseconds from sending the request to the last byte of the answer. */
  ms: number;
}

/** One GET with a deadline; pass a keep-alive agent to measure on a single reused connection. */
export function httpGet(
  url: string,
  options: { agent?: http.Agent; timeoutMs?: number } = {},
): Promise<HttpAnswer> {
  return httpRequest(url, options);
}

/** One request with a deadline: GET without a body, or a method, headers and a body of your choice. */
export function httpRequest(
  url: string,
  options: {
    method?: string;
    headers?: http.OutgoingHttpHeaders;
    body?: string;
    agent?: http.Agent;
    timeoutMs?: number;
  } = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const request = http.request(
      url,
      {
        method: options.method ?? 'GET',
        headers:
          options.body === undefined
            ? options.headers
            : { ...options.headers, 'content-length': Buffer.byteLength(options.body) },
        agent: options.agent,
        timeout: options.timeoutMs ?? 30_000,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            ms: performance.now() - started,
          }),
        );
      },
    );
    request.on('timeout', () =>
      request.destroy(new Error(`no answer from ${url} within ${options.timeoutMs ?? 30_000} ms`)),
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

export async function getJson<T>(url: string, timeoutMs = 30_000): Promise<T> {
  const answer = await httpGet(url, { timeoutMs });
  if (answer.status !== 200) throw new Error(`GET ${url}: ${answer.status} ${answer.body.slice(0, 200)}`);
  return JSON.parse(answer.body) as T;
}
