import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig, type BakongConfig } from '../config';
import { createBakongClient, type BakongCheck } from '../modules/payments/bakong-client';

/**
 * `npm run shop -- bakong-check`: asks the configured Bakong Open API about a payment that cannot exist (a random
 * md5). A working token gets "not found"; a rejected one gets 401. Nothing is paid or changed, so it is safe to run
 * on a live shop, e.g. before the 90-day token runs out or after renewing it.
 */
export async function bakongCheck(): Promise<number> {
  let bakong: BakongConfig;
  try {
    bakong = loadConfig().bakong;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    return 1;
  }
  if (bakong.standin || !bakong.baseUrl) {
    console.error(
      'This shop uses the built-in Bakong stand-in (BAKONG_API_URL is not set): payments are simulated and there is ' +
        'no token to check. For real payments set BAKONG_API_URL=https://api-bakong.nbc.gov.kh and BAKONG_TOKEN.',
    );
    return 1;
  }
  const client = createBakongClient({ baseUrl: bakong.baseUrl, token: bakong.token, timeoutMs: 15_000 });
  const answer = await client.checkByMd5(randomBytes(16).toString('hex'));
  const verdict = verdictOf(answer);
  (verdict.ok ? console.log : console.error)(
    `${verdict.ok ? 'OK' : 'FAILED'}: ${bakong.baseUrl} ${verdict.text}`,
  );
  return verdict.ok ? 0 : 1;
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
          'Renew it with Bakong, set BAKONG_TOKEN and restart the server.',
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
