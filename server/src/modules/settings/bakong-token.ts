import { BAKONG_TOKEN_WARNING_MS, type BakongTokenStatus } from '@shop/shared';
import { BAKONG_STANDIN_TOKEN, type BakongConfig } from '../../config';
import type { Db } from '../../db/database';
import { inTransaction, type Tx } from '../../db/transaction';
import { SecretUnreadable, type SecretBox } from '../../secrets/secret-box';
import { recordAudit, type Actor } from '../audit/audit';
import { deleteSetting, findStoredSetting, lockSettings, saveSetting } from './repo';

/**
 * The Bakong Open API token an admin enters in the back office: sealed in the settings table (never in clear, never
 * answered), read by the payment job and the deeplinks on every call, so a new token works at once on every server
 * without a restart. It wins over BAKONG_TOKEN: the admin who renews the token in the back office is the last to have
 * said which one is right, and a server cannot change its environment without a restart. Forgetting it goes back to
 * BAKONG_TOKEN (docs/decisions/0008-secrets-at-rest.md).
 */
export const BAKONG_TOKEN_KEY = 'payments.bakongToken';
const PURPOSE = BAKONG_TOKEN_KEY;

type StoredToken =
  | { state: 'none' }
  | { state: 'readable'; token: string; updatedAt: number }
  | { state: 'unreadable'; updatedAt: number };

async function readStoredToken(db: Db | Tx, box: SecretBox): Promise<StoredToken> {
  const row = await findStoredSetting(db, BAKONG_TOKEN_KEY);
  if (!row) return { state: 'none' };
  const sealed = (row.value as { sealedToken?: unknown } | undefined)?.sealedToken;
  try {
    if (typeof sealed !== 'string') throw new SecretUnreadable('no sealed token');
    return { state: 'readable', token: box.open(sealed, PURPOSE), updatedAt: row.updatedAt };
  } catch (error) {
    if (error instanceof SecretUnreadable) return { state: 'unreadable', updatedAt: row.updatedAt };
    throw error;
  }
}

interface TokenInUse {
  token: string | null;
  source: BakongTokenStatus['source'];
  stored: StoredToken;
}

async function tokenInUse(
  db: Db | Tx,
  box: SecretBox,
  config: Pick<BakongConfig, 'token' | 'standin'>,
): Promise<TokenInUse> {
  const stored = await readStoredToken(db, box);
  if (stored.state === 'readable') return { token: stored.token, source: 'settings', stored };
  // A token entered but unreadable (the key changed) is not silently replaced by another one: it is reported.
  if (stored.state === 'unreadable') return { token: null, source: 'settings', stored };
  if (config.token === null) return { token: null, source: 'none', stored };
  const source = config.standin && config.token === BAKONG_STANDIN_TOKEN ? 'standin' : 'environment';
  return { token: config.token, source, stored };
}

/**
 * What the Bakong client sends, read at each call: '' when there is none, which Bakong refuses (401) and the payment
 * job treats as "unknown", keeping payments open until a token is entered.
 */
export function bakongTokenSource(
  db: Db,
  box: SecretBox,
  config: Pick<BakongConfig, 'token' | 'standin'>,
): () => Promise<string> {
  return async () => (await tokenInUse(db, box, config)).token ?? '';
}

export async function bakongTokenStatus(
  db: Db | Tx,
  box: SecretBox,
  config: Pick<BakongConfig, 'token' | 'standin'>,
  now = Date.now(),
): Promise<BakongTokenStatus> {
  const { token, source, stored } = await tokenInUse(db, box, config);
  const expiresAt = token === null ? null : jwtExpiry(token);
  return {
    set: stored.state !== 'none',
    source,
    expiresAt,
    warning: warningFor({ token, source, stored, expiresAt }, now),
    updatedAt: stored.state === 'none' ? null : stored.updatedAt,
  };
}

function warningFor(state: TokenInUse & { expiresAt: number | null }, now: number): string | null {
  if (state.stored.state === 'unreadable')
    return (
      "The Bakong token entered here cannot be opened with this server's key (SECRETS_KEY or secrets.key changed): " +
      'payments cannot be confirmed. Enter the token again.'
    );
  if (state.source === 'none')
    return 'No Bakong token is set: payments cannot be confirmed. Enter the token Bakong gave the shop.';
  if (state.source === 'standin' || state.expiresAt === null) return null;
  const day = new Date(state.expiresAt).toISOString().slice(0, 10);
  if (state.expiresAt <= now)
    return `The Bakong token expired on ${day}: payments cannot be confirmed. Renew it with Bakong and enter the new one.`;
  if (state.expiresAt - now <= BAKONG_TOKEN_WARNING_MS) {
    const days = Math.ceil((state.expiresAt - now) / 86_400_000);
    return `The Bakong token expires on ${day} (in ${days} day${days === 1 ? '' : 's'}): renew it with Bakong and enter the new one.`;
  }
  return null;
}

/** When a JWT stops working (its `exp`, in epoch ms), or null for a token that is not a JWT or says no expiry. */
export function jwtExpiry(token: string): number | null {
  const [, payload, signature, ...rest] = token.split('.');
  if (!payload || signature === undefined || rest.length) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof claims.exp === 'number' && Number.isFinite(claims.exp)
      ? Math.round(claims.exp * 1000)
      : null;
  } catch {
    return null;
  }
}

/**
 * Stores a new token sealed, or forgets the stored one (null), with an audit row that says whether one was set and
 * until when: never the token.
 */
export async function setBakongToken(
  db: Db,
  box: SecretBox,
  config: Pick<BakongConfig, 'token' | 'standin'>,
  token: string | null,
  actor: Actor,
): Promise<BakongTokenStatus> {
  return inTransaction(db, async (tx) => {
    await lockSettings(tx, [BAKONG_TOKEN_KEY]);
    const before = await bakongTokenStatus(tx, box, config);
    const now = Date.now();
    if (token === null) await deleteSetting(tx, BAKONG_TOKEN_KEY);
    else
      await saveSetting(tx, {
        key: BAKONG_TOKEN_KEY,
        value_json: JSON.stringify({ sealedToken: box.seal(token, PURPOSE) }),
        updated_at: now,
      });
    const after = await bakongTokenStatus(tx, box, config, now);
    const shown = (status: BakongTokenStatus) => ({
      source: 'back-office',
      value: { set: status.set, inUse: status.source, expiresAt: status.expiresAt },
    });
    await recordAudit(
      tx,
      actor,
      {
        action: 'setting.change',
        entity: 'setting',
        entityId: BAKONG_TOKEN_KEY,
        before: shown(before),
        after: shown(after),
      },
      now,
    );
    return after;
  });
}
