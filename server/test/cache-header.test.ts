import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support';

/**
 * The catalog cache's `x-cache` header says whether someone asked the same thing since the last catalog change:
 * in production it would tell anyone what others search for (issue 9, finding 14), so production answers carry none.
 */

let production: TestServer;

beforeAll(async () => {
  production = await startTestServer({
    env: {
      NODE_ENV: 'production',
      // What production insists on for payments, which these requests never reach.
      BAKONG_API_URL: 'https://bakong.invalid',
      BAKONG_TOKEN: 'test-placeholder',
    },
  });
});
afterAll(() => production?.stop());

describe('cached catalog answers in production', () => {
  it('carry no x-cache header, the second (cached) time either', async () => {
    for (const path of [
      '/products?q=990%20pro%20samsung',
      '/products?category=ssds',
      '/categories',
      '/brands',
    ]) {
      for (let i = 0; i < 2; i++) {
        const response = await fetch(`${production.url}/api/v1${path}`);
        expect(response.status, path).toBeLessThan(500);
        expect(response.headers.has('x-cache'), `${path} #${i + 1}`).toBe(false);
        await response.arrayBuffer();
      }
    }
  });
});
