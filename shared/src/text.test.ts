import { describe, expect, it } from 'vitest';
import { registerInputSchema } from './accounts';
import { cleanLine, cleanLines, looksLikeLink, personName } from './text';

/** Khmer as people write it: coeng subscripts, vowel signs, and zero-width spaces between words. */
const KHMER_NAMES = [
  'សុខ ចាន់',
  'ស្រីពៅ',
  'ចាន់ សុខា',
  'ញ៉ែម ឃ្លាំង',
  'លោក ហ៊ុន\u200Bសុភ័ក្ត្រ',
  'ព្រះ\u200Bរាជ\u200Bាណាចក្រ\u200Bកម្ពុជា',
  'ក\u200Cា',
  'អ៊ុំ\u200Dស្រី',
];

describe('cleaning typed text', () => {
  it('removes control characters, direction overrides and isolates, and invisible characters from a line', () => {
    expect(cleanLine('Sokha\u0000 Chan\u0007')).toBe('Sokha Chan');
    expect(cleanLine('Dara\u0085\u009b Sok')).toBe('Dara Sok');
    expect(cleanLine('\u202EnahC ahkoS\u202C')).toBe('nahC ahkoS');
    expect(cleanLine('Sok \u2066Dara\u2069 \u202Atext\u202D')).toBe('Sok Dara text');
    expect(cleanLine('\u200FSok\u200E Dara\u061C')).toBe('Sok Dara');
    expect(cleanLine('\uFEFFVan\u00ADna\u2060 \u3164')).toBe('Vanna');
    expect(cleanLine('Sokha\r\nChan\tMr')).toBe('Sokha Chan Mr');
    expect(cleanLine('  Sokha    Chan  ')).toBe('Sokha Chan');
  });

  it('removes zero-width characters outside Khmer, where they only hide one word inside another', () => {
    expect(cleanLine('www\u200B.prize\u200C.example')).toBe('www.prize.example');
    expect(cleanLine('Sok\u200DDara')).toBe('SokDara');
    expect(cleanLine('សុខ\u200BDara')).toBe('សុខDara');
    expect(cleanLine('\u200Bសុខ\u200B')).toBe('សុខ');
  });

  it('keeps Khmer exactly as typed', () => {
    for (const name of KHMER_NAMES) expect(cleanLine(name)).toBe(name);
    for (const name of KHMER_NAMES) expect(personName().parse(name)).toBe(name);
  });

  it('keeps the lines of a message, and its tabs, but not its controls or overrides', () => {
    expect(cleanLines('Hello\r\nmy laptop\rdoes not start.\u0007\n\tThanks\u202E')).toBe(
      'Hello\nmy laptop\ndoes not start.\n\tThanks',
    );
    expect(cleanLines('សួស្តី\u200Bបង\nអរគុណ')).toBe('សួស្តី\u200Bបង\nអរគុណ');
  });
});

describe('names that read as links', () => {
  const links = [
    'Winner! Claim at http://prize.example',
    'https://prize.example',
    'hxxp://prize.example',
    'Claim now: prize.win',
    'prize.com/claim',
    'Sok www.prize',
    'WWW . prize . example',
    'ｗｗｗ．ｐｒｉｚｅ．ｃｏｍ',
    'prize。com',
    'claim@prize.example',
    'mailto:claim@prize',
    'javascript:alert(1)',
    'Call 192.168.10.1',
    'xn--80ak6aa92e.com',
    'www\u200B.prize\u200B.example',
    'Dara.Sok',
  ];
  for (const name of links) {
    it(`refuses ${JSON.stringify(name)}`, () => {
      const parsed = personName().safeParse(name);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.message).toMatch(/without a web address/);
    });
  }

  it('accepts the names people have', () => {
    for (const name of [
      'Sokha Chan',
      'J. R. Smith',
      'J.R. Smith',
      'St. John',
      'Dr. Sok Dara',
      'Mr. Kim',
      "O'Brien",
      'Jean-Paul',
      'Chan Sokha (Jr.)',
      'Hotel: Sokha',
      ...KHMER_NAMES,
    ]) {
      expect(looksLikeLink(name), name).toBe(false);
    }
  });

  it('are refused at sign-up with a field error on the name', () => {
    const parsed = registerInputSchema.safeParse({
      email: 'sokha@example.com',
      password: 'a long and easy sentence',
      name: 'Winner! Claim at http://prize.example',
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual(['name']);
  });

  it('a name that is only invisible characters is no name', () => {
    expect(personName('enter your name').safeParse('\u202E\u200B\u0000 ').error?.issues[0]?.message).toBe(
      'enter your name',
    );
  });
});
