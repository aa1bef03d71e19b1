import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import { getShopIdentity } from '../src/modules/settings/service';
import { startTestServer } from './support';

/**
 * A production start never makes the demo admin and staff (whose passwords go through the log): by default it is an
 * empty shop, and even SEED=demo brings the demo catalog only.
 */
const production = {
  NODE_ENV: 'production',
  BAKONG_API_URL: 'https://bakong.invalid',
  BAKONG_TOKEN: 'not-a-real-token',
};

async function usersOf(server: Awaited<ReturnType<typeof startTestServer>>) {
  return server.database.db.selectFrom('users').select(['email', 'role']).execute();
}

describe('seeding in production', () => {
  it('defaults to an empty shop in production and to the demo shop elsewhere', () => {
    expect(loadConfig(production).seed).toBe('none');
    expect(loadConfig({}).seed).toBe('demo');
    expect(loadConfig({ NODE_ENV: 'test' }).seed).toBe('demo');
    expect(loadConfig({ ...production, SEED: 'demo' }).seed).toBe('demo');
  });

  it('starts empty with the default SEED: no products, no accounts, no password in the log', async () => {
    // An empty variable counts as unset: the default applies.
    const server = await startTestServer({ env: { ...production, SEED: '' } });
    try {
      expect((await server.client.listProducts({ query: {} })).total).toBe(0);
      expect(await usersOf(server)).toEqual([]);
      expect(server.logLines.join('\n')).not.toMatch(/password/i);
    } finally {
      await server.stop();
    }
  });

  it('with SEED=demo brings the demo catalog but never the demo accounts', async () => {
    const server = await startTestServer({ seed: 'demo', env: production });
    try {
      expect((await server.client.listProducts({ query: {} })).total).toBeGreaterThan(0);
      expect(await usersOf(server)).toEqual([]);
      const log = server.logLines.join('\n');
      expect(log).not.toMatch(/with password/);
      expect(log).toContain('no demo accounts');
      expect(log).toContain('create-admin');
      // Nor the demo shop's address and hours: a real shop shows none rather than someone else's.
      expect(await getShopIdentity(server.database.db)).toMatchObject({ address: null, hours: null });
    } finally {
      await server.stop();
    }
  });
});
