import { describe, expect, it } from 'vitest';
import {
  normalizeText,
  prefixRange,
  productTerms,
  queryTokens,
  tokenForms,
  tokenize,
  weights,
  type SearchDocument,
} from './search-index';

/** Both databases compare terms byte by byte in UTF-8 (binary collation), i.e. in code-point order. */
function compareBinary(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** What `term >= from and term < to` answers in SQL. */
function inRange(term: string, range: { from: string; to: string | null }): boolean {
  return compareBinary(term, range.from) >= 0 && (range.to === null || compareBinary(term, range.to) < 0);
}

const doc = (overrides: Partial<SearchDocument> = {}): SearchDocument => ({
  sku: 'CPU-INT-14700K',
  name: 'Intel Core i7-14700K Processor',
  brand: 'Intel',
  categories: ['CPUs', 'ស៊ីភីយូ'],
  models: [],
  specs: ['LGA1700', '20'],
  description: '20 cores and 28 threads with boost clocks up to 5.6 GHz for gaming and streaming.',
  ...overrides,
});

describe('normalizeText', () => {
  it('lower-cases and removes Latin accents', () => {
    expect(normalizeText('Café NAÏVE Ryzén Crème Brûlée')).toBe('cafe naive ryzen creme brulee');
  });

  it('keeps Khmer text, whose vowel signs are combining marks too, unchanged', () => {
    for (const khmer of ['កាតក្រាហ្វិក', 'កុំព្យូទ័រយួរដៃ', 'ក្ដារចុច និងកណ្ដុរ', 'ដាច់ភ្លើង']) {
      expect(normalizeText(khmer)).toBe(khmer);
    }
    // U+17B6 (vowel sign aa) and U+17C6 (nikahit) are combining marks that must survive.
    expect(normalizeText('កាត')).toContain('\u17b6');
    expect(normalizeText('កុំ')).toContain('\u17c6');
  });

  it('folds compatibility forms: full-width letters and digits, ligatures', () => {
    expect(normalizeText('ＲＴＸ４０６０')).toBe('rtx4060');
    expect(normalizeText('ﬁber')).toBe('fiber');
  });

  it('gives the same text for composed and decomposed accents', () => {
    expect(normalizeText('cafe\u0301')).toBe(normalizeText('caf\u00e9'));
  });
});

describe('tokenize', () => {
  it('splits a product name into lower-case tokens', () => {
    expect(tokenize('Samsung 990 PRO 1TB PCIe 4.0 NVMe M.2 SSD')).toEqual([
      'samsung',
      '990',
      'pro',
      '1tb',
      'pcie',
      '4.0',
      'nvme',
      'm.2',
      'ssd',
    ]);
  });

  it('keeps dots, dashes and underscores inside tokens but not at their ends', () => {
    expect(tokenize('..m.2.. -x- WD_BLACK i7-14700K Wi-Fi')).toEqual([
      'm.2',
      'x',
      'wd_black',
      'i7-14700k',
      'wi-fi',
    ]);
  });

  it('splits on punctuation and symbols', () => {
    expect(tokenize('Samsung 870 EVO 500GB 2.5" SATA (2024) a/b c+d, e; f! [g] 100%')).toEqual([
      'samsung',
      '870',
      'evo',
      '500gb',
      '2.5',
      'sata',
      '2024',
      'a',
      'b',
      'c',
      'd',
      'e',
      'f',
      'g',
      '100',
    ]);
  });

  it('gives nothing for text without letters or digits', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize('  ')).toEqual([]);
    expect(tokenize('--- ... !!! ??? /// ___')).toEqual([]);
  });

  it('splits Khmer on spaces and on the zero-width space the Khmer keyboard types', () => {
    expect(tokenize('ក្ដារចុច និងកណ្ដុរ')).toEqual(['ក្ដារចុច', 'និងកណ្ដុរ']);
    expect(tokenize('ថាស\u200bSSD')).toEqual(['ថាស', 'ssd']);
  });

  it('cuts very long tokens to 64 characters', () => {
    expect(tokenize('x'.repeat(100))).toEqual(['x'.repeat(64)]);
  });
});

describe('tokenForms', () => {
  it('is the token alone when it has no dot, dash or underscore', () => {
    expect(tokenForms('ssd')).toEqual(['ssd']);
    expect(tokenForms('rtx4060')).toEqual(['rtx4060']);
    expect(tokenForms('កាតក្រាហ្វិក')).toEqual(['កាតក្រាហ្វិក']);
  });

  it('adds the joined form and every part longer than one character', () => {
    expect(tokenForms('m.2')).toEqual(['m.2', 'm2']);
    expect(tokenForms('i7-14700k')).toEqual(['i7-14700k', 'i714700k', 'i7', '14700k']);
    expect(tokenForms('wd_black')).toEqual(['wd_black', 'wdblack', 'wd', 'black']);
    expect(tokenForms('wi-fi')).toEqual(['wi-fi', 'wifi', 'wi', 'fi']);
    expect(tokenForms('2.5')).toEqual(['2.5', '25']);
    expect(tokenForms('a-b-c')).toEqual(['a-b-c', 'abc']);
  });

  it('never repeats a form', () => {
    expect(tokenForms('ab-ab')).toEqual(['ab-ab', 'abab', 'ab']);
  });
});

describe('queryTokens', () => {
  it('drops separators inside tokens, as the index holds every joined form', () => {
    expect(queryTokens('M.2 RTX-4070 wi-fi')).toEqual(['m2', 'rtx4070', 'wifi']);
  });

  it('turns a SKU with or without dashes, in any case, into the same token', () => {
    expect(queryTokens('CPU-INT-14700K')).toEqual(['cpuint14700k']);
    expect(queryTokens('cpu-int-14700k')).toEqual(['cpuint14700k']);
    expect(queryTokens('CPUINT14700K')).toEqual(['cpuint14700k']);
  });

  it('removes accents and repeated tokens', () => {
    expect(queryTokens('Ryzén ryzen RYZEN 7')).toEqual(['ryzen', '7']);
  });

  it('keeps at most eight tokens', () => {
    expect(queryTokens('a b c d e f g h i j')).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
  });

  it('gives no token for punctuation only', () => {
    expect(queryTokens('!!!')).toEqual([]);
    expect(queryTokens('- . _ ---')).toEqual([]);
  });

  it('keeps Khmer tokens', () => {
    expect(queryTokens('កាតក្រាហ្វិក')).toEqual(['កាតក្រាហ្វិក']);
    expect(queryTokens('ថាស\u200bSSD')).toEqual(['ថាស', 'ssd']);
  });
});

describe('productTerms', () => {
  it('gives the exact SKU, with and without dashes, the SKU weight, and its parts a small weight', () => {
    const terms = productTerms(doc());
    expect(terms.get('cpu-int-14700k')).toBe(weights.sku);
    expect(terms.get('cpuint14700k')).toBe(weights.sku);
    expect(terms.get('int')).toBe(weights.skuPart);
    // "cpu" is a SKU part but also the singular of the category "CPUs": the higher weight wins.
    expect(terms.get('cpu')).toBe(weights.category);
    // "14700k" is a SKU part but also a name term: the higher weight wins.
    expect(terms.get('14700k')).toBe(weights.name);
    expect(Math.max(...terms.values())).toBe(weights.sku);
  });

  it('every query form of the SKU finds the SKU term exactly', () => {
    const terms = productTerms(doc());
    for (const typed of ['CPU-INT-14700K', 'cpu-int-14700k', 'CPUINT14700K', 'cpuint14700k']) {
      const [token] = queryTokens(typed);
      expect(terms.get(token!)).toBe(weights.sku);
    }
  });

  it('weighs category over model over name over brand over spec over description', () => {
    expect(weights.sku).toBeGreaterThan(weights.category);
    // What a product IS outweighs a word in its name: "laptop" lists laptops before laptop memory.
    expect(weights.category).toBeGreaterThan(weights.model);
    expect(weights.model).toBeGreaterThan(weights.name);
    expect(weights.name).toBeGreaterThan(weights.brand);
    expect(weights.brand).toBeGreaterThan(weights.spec);
    expect(weights.spec).toBeGreaterThan(weights.description);
    const terms = productTerms(doc());
    expect(terms.get('i7')).toBe(weights.name);
    expect(terms.get('i714700k')).toBe(weights.name);
    expect(terms.get('intel')).toBe(weights.name);
    expect(terms.get('cpus')).toBe(weights.category);
    expect(terms.get('cpu')).toBe(weights.category);
    expect(terms.get('ស៊ីភីយូ')).toBe(weights.category);
    expect(terms.get('lga1700')).toBe(weights.spec);
    expect(terms.get('20')).toBe(weights.spec);
    expect(terms.get('threads')).toBe(weights.description);
    expect(terms.get('gaming')).toBe(weights.description);
  });

  it('a name term beats the same word in the description, whatever the order of the fields', () => {
    const withNameWord = productTerms(doc({ name: 'Intel Core i7 Gaming Processor' }));
    const withoutNameWord = productTerms(doc());
    expect(withNameWord.get('gaming')).toBe(weights.name);
    expect(withoutNameWord.get('gaming')).toBe(weights.description);
    expect(withNameWord.get('gaming')!).toBeGreaterThan(withoutNameWord.get('gaming')!);
  });

  it('a brand term beats the same word in specs and description', () => {
    const terms = productTerms(
      doc({ name: 'Core i7-14700K', specs: ['Intel LGA1700'], description: 'By Intel.' }),
    );
    expect(terms.get('intel')).toBe(weights.brand);
  });

  it('joins a word with the number after it, without separators, as customers type it', () => {
    const terms = productTerms(
      doc({
        name: 'ASUS TUF Gaming A15 Ryzen 7 RTX 4060',
        specs: ['PCIe 4.0 x4 NVMe', 'Wi-Fi 6', 'USB 3.2 Gen 2'],
      }),
    );
    expect(terms.get('ryzen7')).toBe(weights.name);
    expect(terms.get('rtx4060')).toBe(weights.name);
    expect(terms.get('pcie40')).toBe(weights.spec);
    expect(terms.get('wifi6')).toBe(weights.spec);
    expect(terms.get('usb32')).toBe(weights.spec);
    expect(terms.get('gen2')).toBe(weights.spec);
    // Query tokens never hold a separator, so neither do joined pairs.
    expect([...terms.keys()].filter((term) => /^(pcie4\.|usb3\.|wi-fi6)/.test(term))).toEqual([]);
    // A number followed by a number is not joined.
    expect(terms.has('74060')).toBe(false);
  });

  it('indexes separated tokens in every form a customer may type', () => {
    const terms = productTerms(doc({ name: 'Samsung 990 PRO 1TB PCIe 4.0 NVMe M.2 SSD' }));
    for (const term of ['m.2', 'm2', '4.0', '40', '1tb', 'nvme', 'ssd'])
      expect(terms.get(term)).toBe(weights.name);
  });

  it('drops stop words from descriptions only', () => {
    const terms = productTerms(
      doc({ name: 'Archer TX20E Adapter with Bluetooth', description: 'For the desk.' }),
    );
    expect(terms.get('with')).toBe(weights.name);
    expect(terms.has('for')).toBe(false);
    expect(terms.has('the')).toBe(false);
    expect(terms.get('desk')).toBe(weights.description);
  });

  it('indexes only the first 80 words of a description', () => {
    const words = Array.from({ length: 100 }, (_, i) => `w${i}`).join(' ');
    const terms = productTerms(doc({ description: words }));
    expect(terms.has('w79')).toBe(true);
    expect(terms.has('w80')).toBe(false);
  });

  it('indexes Khmer names and descriptions, and accent-free forms of Latin words', () => {
    const terms = productTerms(
      doc({
        name: 'Café Racer Keyboard',
        categories: ['Graphics cards', 'កាតក្រាហ្វិក'],
        description: 'Keeps your PC running through power cuts (ដាច់ភ្លើង).',
      }),
    );
    expect(terms.get('cafe')).toBe(weights.name);
    expect(terms.has('café')).toBe(false);
    expect(terms.get('កាតក្រាហ្វិក')).toBe(weights.category);
    expect(terms.get('ដាច់ភ្លើង')).toBe(weights.description);
  });

  it('keeps every term within the 64 characters of the term column', () => {
    const terms = productTerms(
      doc({ name: `${'a'.repeat(70)} ${'b'.repeat(10)} 4060`, description: 'c'.repeat(90) }),
    );
    for (const term of terms.keys()) expect(term.length).toBeLessThanOrEqual(64);
  });
});

describe('prefixRange', () => {
  it('is the prefix up to the prefix with its last character incremented', () => {
    expect(prefixRange('ryz')).toEqual({ from: 'ryz', to: 'ry{' });
    expect(prefixRange('i7')).toEqual({ from: 'i7', to: 'i8' });
    expect(prefixRange('a')).toEqual({ from: 'a', to: 'b' });
  });

  it('holds exactly the terms starting with the prefix, in binary order', () => {
    const terms = ['ry', 'ryy', 'ryz', 'ryzen', 'ryzen7', 'ryz{', 'ryzzz', 'ry{', 'rz', 'rtx', 's', 'ryż'];
    const range = prefixRange('ryz');
    expect(terms.filter((term) => inRange(term, range))).toEqual(terms.filter((t) => t.startsWith('ryz')));
  });

  it('works for Khmer prefixes', () => {
    const range = prefixRange('កាត');
    expect(range.from).toBe('កាត');
    expect(range.to).toBe('កា\u1790');
    const terms = ['កាតក្រាហ្វិក', 'កាត', 'កាថ', 'កា', 'កុំព្យូទ័រយួរដៃ', 'ថាស', 'ថាសរឹង', 'gpu'];
    expect(terms.filter((term) => inRange(term, range))).toEqual(['កាតក្រាហ្វិក', 'កាត']);
    // A prefix ending in a combining vowel sign.
    const vowel = prefixRange('កា');
    expect(terms.filter((term) => inRange(term, vowel))).toEqual(['កាតក្រាហ្វិក', 'កាត', 'កាថ', 'កា']);
  });

  it('works for characters outside the Basic Multilingual Plane', () => {
    const range = prefixRange('x\u{1f600}');
    expect(range.to).toBe('x\u{1f601}');
    expect(inRange('x\u{1f600}y', range)).toBe(true);
    expect(inRange('x\u{1f601}', range)).toBe(false);
    expect(inRange('x\uffff', range)).toBe(false);
  });

  it('skips the surrogate code points, which a string cannot hold alone', () => {
    const range = prefixRange('a\ud7ff');
    expect(range.to).toBe('a\ue000');
    expect(inRange('a\ud7ffz', range)).toBe(true);
    expect(inRange('a\ue000', range)).toBe(false);
    expect(inRange('a\u{10000}', range)).toBe(false);
  });

  it('carries over the last code point U+10FFFF instead of throwing', () => {
    expect(prefixRange('a\u{10ffff}')).toEqual({ from: 'a\u{10ffff}', to: 'b' });
    expect(inRange('a\u{10ffff}z', prefixRange('a\u{10ffff}'))).toBe(true);
    expect(prefixRange('\u{10ffff}\u{10ffff}')).toEqual({ from: '\u{10ffff}\u{10ffff}', to: null });
  });
});
