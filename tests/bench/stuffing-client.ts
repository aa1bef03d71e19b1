import http from 'node:http';
import { performance } from 'node:perf_hooks';

/**
 * A browser as the credential-stuffing benchmark needs one: its connections leave from its own loopback address
 * (127.0.0.x, 127.0.1.x: Linux routes all of 127.0.0.0/8 to the loopback interface, so the server sees a different
 * client address exactly as it would a different phone), it keeps its cookies (CSRF token, session, device
 * cookie) and echoes the CSRF token as the web shop does.
 */
export interface BenchAnswer {
  status: number;
  json: unknown;
  ms: number;
}

export class BenchBrowser {
  private readonly agent: http.Agent;
  private readonly cookies = new Map<string, string>();

  constructor(
    private readonly baseUrl: string,
    readonly address: string,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: 256, localAddress: address });
  }

  /** A page load: the CSRF cookie every state change echoes. */
  async open(): Promise<void> {
    await this.request('GET', '/api/v1/auth/csrf');
  }

  post(path: string, body: unknown): Promise<BenchAnswer> {
    return this.request('POST', path, JSON.stringify(body));
  }

  hasCookie(name: string): boolean {
    return this.cookies.has(name);
  }

  close(): void {
    this.agent.destroy();
  }

  private request(method: string, path: string, body?: string): Promise<BenchAnswer> {
    const headers: http.OutgoingHttpHeaders = { accept: 'application/json' };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const csrf = this.cookies.get('csrf_token');
    if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(body);
    }
    return new Promise((resolve, reject) => {
      const started = performance.now();
      const request = http.request(
        `${this.baseUrl}${path}`,
        { method, headers, agent: this.agent, timeout: 60_000 },
        (response) => {
          this.remember(response.headers['set-cookie'] ?? []);
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let json: unknown = null;
            try {
              json = text ? JSON.parse(text) : null;
            } catch {
              json = text;
            }
            resolve({ status: response.statusCode ?? 0, json, ms: performance.now() - started });
          });
        },
      );
      request.on('timeout', () => request.destroy(new Error(`no answer to ${method} ${path} within 60 s`)));
      request.on('error', reject);
      request.end(body);
    });
  }

  private remember(lines: string[]): void {
    for (const line of lines) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*(expires=Thu, 01 Jan 1970|max-age=0)/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

/** What a sign-in answered: signed in, a mailed code asked for first, or the HTTP status. */
export function loginOutcome(answer: BenchAnswer): string {
  if (answer.status !== 200) return String(answer.status);
  return (answer.json as { otpRequired?: boolean }).otpRequired ? 'code first' : 'signed in';
}
