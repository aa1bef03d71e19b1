import { get, type IncomingHttpHeaders } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '@shop/shared';
import { signedInAs, startTestServer, testDialect, type TestServer } from './support';

let server: TestServer;
let adminToken: string;

beforeAll(async () => {
  server = await startTestServer({ seed: 'demo' });
  adminToken = (await signedInAs(server.database.db, 'admin')).token;
});
afterAll(() => server?.stop());

const api = (path: string, init?: RequestInit) => fetch(`${server.url}/api/v1${path}`, init);

function rawGet(path: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    get(`${server.url}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    }).on('error', reject);
  });
}

describe('the HTTP core', () => {
  it('answers health with the database in use', async () => {
    const response = await api('/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', db: testDialect });
  });

  it('gives every answer a request id, and keeps a sane one sent by a proxy', async () => {
    const generated = await api('/health');
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const forwarded = await api('/health', { headers: { 'x-request-id': 'lb-1234567890' } });
    expect(forwarded.headers.get('x-request-id')).toBe('lb-1234567890');
    const hostile = await api('/health', { headers: { 'x-request-id': '<script>alert(1)</script>' } });
    expect(hostile.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers malformed JSON with 400 and oversized bodies with 413, as JSON without internals', async () => {
    // A body is read only once its route has let the caller in (issue 9): as the admin who may send it.
    const admin = { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` };
    const malformed = await api('/admin/products', {
      method: 'POST',
      headers: admin,
      body: '{"sku": ',
    });
    expect(malformed.status).toBe(400);
    const malformedBody = (await malformed.json()) as { error: { code: string; message: string } };
    expect(malformedBody.error).toMatchObject({
      code: 'invalid',
      message: 'The request body is not valid JSON',
    });

    const huge = await api('/admin/products', {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ description: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(huge.status).toBe(413);
    const hugeText = await huge.text();
    expect(JSON.parse(hugeText)).toMatchObject({ error: { code: 'payload_too_large' } });
    expect(hugeText).not.toMatch(/at .*\.ts|node_modules|<html/i);
  });

  it('answers unknown API routes with a JSON 404', async () => {
    for (const path of ['/nope', '/products/x/y/z']) {
      const response = await api(path);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toContain('application/json');
      expect(await response.json()).toMatchObject({ error: { code: 'not_found' } });
    }
    const wrongMethod = await api('/categories', { method: 'DELETE' });
    expect(wrongMethod.status).toBe(404);
  });

  it('compresses JSON and answers a repeated request with 304 via its ETag', async () => {
    // node:http rather than fetch: fetch adds "cache-control: no-cache" to conditional requests, and decodes gzip.
    const first = await rawGet('/api/v1/products?pageSize=50', { 'accept-encoding': 'gzip' });
    expect(first.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(first.body).toString('utf8'))).toHaveProperty('items');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[^"]+"$/);
    const again = await rawGet('/api/v1/products?pageSize=50', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it('publishes an OpenAPI 3.1 document of every route, generated from the shared schemas', async () => {
    const doc = (await (await api('/openapi.json')).json()) as {
      openapi: string;
      paths: Record<
        string,
        Record<
          string,
          { operationId: string; parameters: { name: string }[]; responses: Record<string, unknown> }
        >
      >;
      components: { schemas: Record<string, unknown> };
    };
    expect(doc.openapi).toBe('3.1.0');
    const operations = Object.values(doc.paths).flatMap((methods) => Object.values(methods));
    expect(operations.map((o) => o.operationId).sort()).toEqual(Object.keys(apiRoutes).sort());
    const list = doc.paths['/products']!.get!;
    expect(list.parameters.map((p) => p.name)).toEqual(
      expect.arrayContaining([
        'q',
        'category',
        'brand',
        'minPrice',
        'maxPrice',
        'inStock',
        'spec',
        'sort',
        'page',
        'pageSize',
      ]),
    );
    expect(doc.paths['/admin/products']!.post!.responses).toHaveProperty('403');
    expect(doc.components.schemas).toHaveProperty('ProductSummary');
    expect(doc.components.schemas).toHaveProperty('Error');
    expect(JSON.stringify(doc)).not.toContain('#/$defs/');
  });
});
