import { randomBytes } from 'node:crypto';
import { createBakongClient, type BakongCheck } from '../modules/payments/bakong-client';
import { bakongTokenSource, bakongTokenStatus } from '../modules/settings/bakong-token';
import { openSecretBox } from '../secrets/secret-key';
import { openForCli } from './open';

/**
 * `npm run shop -- bakong-check`: asks the configured Bakong Open API about a payment that cannot exist (a random
 * md5) with the token the server uses (the back office's, else BAKONG_TOKEN). A working token gets "not found"; a
 * rejected one gets 401. Nothing is paid or changed, so it is safe to run on a live shop, e.g. before the 90-day
 * token runs out or after renewing it.
 */
export async function bakongCheck(): Promise<number> {
  const { config, database } = await openForCli();
  try {
    const { bakong } = config;
    if (bakong.standin || !bakong.baseUrl) {
      console.error(
        'This shop uses the built-in Bakong stand-in (BAKONG_API_URL is not set): payments are simulated and there ' +
          'is no token to check. For real payments set BAKONG_API_URL=https://api-bakong.nbc.gov.kh and enter the ' +
          'token in the back office (or set BAKONG_TOKEN).',
      );
      return 1;
    }
    const box = openSecretBox(config);
    const status = await bakongTokenStatus(database.db, box, bakong);
    if (status.warning) console.error(status.warning);
    if (status.source === 'none') return 1;
    const token = bakongTokenSource(database.db, box, bakong);
    const client = createBakongClient({ baseUrl: bakong.baseUrl, token, timeoutMs: 15_000 });
    const answer = await client.checkByMd5(randomBytes(16).toString('hex'));
    const verdict = verdictOf(answer);
    (verdict.ok ? console.log : console.error)(
      `${verdict.ok ? 'OK' : 'FAILED'}: ${bakong.baseUrl} ${verdict.text}`,
    );
    return verdict.ok ? 0 : 1;
  } finally {
    await database.close();
  }
}

function verdictOf(answer: BakongCheck): { ok: boolean; text: string } {
  if (answer.state === 'not_found' || answer.state === 'paid')
    return { ok: true, text: 'accepted the token (a made-up payment was "not found", as it should be).' };
  const facts = [
    answer.httpStatus !== undefined && `HTTP ${answer.httpStatus}`,
    answer.errorCode !== undefined && `errorCode ${answer.errorCode}`,
    answer.message && JSON.stringify(answer.message),
  ].filter(Boolean);
  const status = facts.length ? ` (${facts.join(', ')})` : '';
  switch (answer.reason) {
    case 'unauthorized':
      return {
        ok: false,
        text:
          `refused the token${status}: it is wrong or expired (tokens last 90 days). ` +
          'Renew it with Bakong and enter it in the back office (Settings), or set BAKONG_TOKEN and restart.',
      };
    case 'forbidden':
      return {
        ok: false,
        text: `refused this machine${status}: Bakong answers only callers in Cambodia. Run the shop from a server there.`,
      };
    case 'timeout':
      return {
        ok: false,
        text: 'did not answer within 15 s: check the address and the network, then try again.',
      };
    case 'unavailable':
      return {
        ok: false,
        text: `could not be reached or is busy${status}: check BAKONG_API_URL and the network, then try again.`,
      };
    case 'bad_response':
      return {
        ok: false,
        text: `gave an answer that is not Bakong's${status}: check that BAKONG_API_URL is the Bakong Open API.`,
      };
  }
}
