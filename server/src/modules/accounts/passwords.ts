import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { ZxcvbnFactory, type ZxcvbnResult } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import { Invalid } from '../../http/errors';

/**
 * Memory-hard password hashing with scrypt at OWASP's recommended cost (N = 2^17, r = 8, p = 1: 128 MiB, about
 * 0.2 s on this class of machine). Parameters live in the stored hash, so raising them later keeps old hashes valid.
 */
const OWASP_COST = { N: 2 ** 17, r: 8, p: 1 } as const;
/**
 * The test suite's cost, asked for by vitest.config.ts (`SHOP_TEST_CHEAP_PASSWORD_HASHES=1`): the same scrypt, with
 * a 32nd of the work. The suite hashes thousands of passwords, each 0.2 s of one of CI's two cores at the real cost
 * (measured: the accounts tests 52 s → 6 s). Never under NODE_ENV=production, whatever the variable says; a hash
 * names its own cost, so either kind of hash is checked correctly by either setting.
 */
const TEST_COST = { N: 2 ** 12, r: 8, p: 1 } as const;
const COST =
  process.env.SHOP_TEST_CHEAP_PASSWORD_HASHES === '1' && process.env.NODE_ENV !== 'production'
    ? TEST_COST
    : OWASP_COST;
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r + 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * ASVS 5.0 section 6.2: a password someone chooses (sign-up, reset, change, an admin making an account) is refused
 * when it is common, breached or easy to guess. zxcvbn-ts matches it against its list of ~49,000 passwords most
 * common in breach corpora (with l33t, reversed and spaced variants), keyboard walks, repeats, sequences, dates,
 * and the person's own name and address, and estimates the guesses an attacker needs. No composition rules: a few
 * unrelated words pass, "Password123!" does not.
 */

// Score 3: at least 10^10 guesses, safely unguessable online and costly offline against our memory-hard hash.
const MIN_SCORE = 3;
/** Words anyone would try first against a computer shop in Cambodia. */
const SHOP_WORDS = [
  'cambodia',
  'kampuchea',
  'khmer',
  'phnompenh',
  'angkor',
  'angkorwat',
  'siemreap',
  'computer',
  'shop',
];

// Built once at start-up (~60 ms) and never changed: checks pass their own user inputs.
const strength = new ZxcvbnFactory({
  dictionary: { ...common.dictionary },
  graphs: common.adjacencyGraphs,
});

export const WEAK_PASSWORD_FIELD = 'too easy to guess: use a few unrelated words or a longer password';

/** Throws a field error on `field` when the password would be among an attacker's first guesses. */
export function refuseWeakPassword(
  password: string,
  field: string,
  person: { email?: string | undefined; name?: string | undefined } = {},
): void {
  const result = strength.check(password, personalWords(person));
  if (result.score >= MIN_SCORE) return;
  throw new Invalid(`${reason(result)} Choose another: a few unrelated words make a strong password.`, {
    [field]: WEAK_PASSWORD_FIELD,
  });
}

function personalWords(person: { email?: string | undefined; name?: string | undefined }): string[] {
  const email = person.email?.toLowerCase() ?? '';
  return [...SHOP_WORDS, ...email.split(/[@.+_-]/), ...(person.name ?? '').toLowerCase().split(/\s+/)].filter(
    (word) => word.length >= 3,
  );
}

function reason(result: ZxcvbnResult): string {
  switch (result.feedback.warning) {
    case 'topTen':
    case 'topHundred':
    case 'common':
      return 'This password is one of the most common passwords: attackers try it first.';
    case 'similarToCommon':
      return 'This password is a common password with a small change: attackers try those early.';
    case 'userInputs':
      return 'This password contains your name, your email address or a word anyone tries first here (the shop, the city, the country).';
    case 'simpleRepeat':
    case 'extendedRepeat':
      return 'Repeated characters (like "aaaa" or "abcabc") are easy to guess.';
    case 'sequences':
      return 'Sequences (like "1234" or "abcd") are easy to guess.';
    case 'straightRow':
    case 'keyPattern':
      return 'Rows and patterns of keys on the keyboard are easy to guess.';
    case 'dates':
    case 'recentYears':
      return 'Dates and years are easy to guess.';
    default:
      return 'This password is too easy to guess.';
  }
}
