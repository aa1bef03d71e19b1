import { describe, expect, it } from 'vitest';
import { safeNextPath } from './next-path';

/**
 * Known open-redirect payloads (the usual lists: scheme-relative, backslashes, dot segments, encoded slashes and
 * dots, double encoding, whitespace and controls browsers drop, look-alike slashes): none may leave the site.
 */
const leavesTheSite = [
  'https://evil.example',
  'http://evil.example/checkout',
  'HTTPS://evil.example',
  'https:/evil.example',
  'https:evil.example',
  'http:\\\\evil.example',
  '//evil.example',
  '///evil.example',
  '////evil.example/',
  '/\\evil.example',
  '/\\/evil.example',
  '\\\\evil.example',
  '\\/evil.example',
  '/..//evil.example',
  '/../..//evil.example',
  '/./..//evil.example',
  '/a/../..//evil.example',
  '/checkout/..//evil.example',
  '/%2e%2e//evil.example',
  '/.%2e//evil.example',
  '/%2E%2E/%2Fevil.example',
  '/%2F%2Fevil.example',
  '/%2f/evil.example',
  '/%5cevil.example',
  '/%5C%5Cevil.example',
  '/%2e%2e%2f%2fevil.example',
  '/%252F%252Fevil.example',
  '/%25252F%25252Fevil.example',
  '/%2F%2Fevil.example%',
  '/\t/evil.example',
  '/\n/evil.example',
  '/\r/evil.example',
  '/\u0000//evil.example',
  '/\u0085/evil.example',
  '\t//evil.example',
  ' //evil.example',
  '/%09/evil.example',
  '/%0d%0a/evil.example',
  '/%00/evil.example',
  '/／evil.example',
  '／／evil.example',
  '/\uFF3Cevil.example',
  'javascript:alert(1)',
  'javascript://%0aalert(1)',
  'data:text/html,<script>alert(1)</script>',
  'evil.example',
  '.evil.example',
  '@evil.example',
  '',
  `/${'a'.repeat(2001)}`,
];

describe('safeNextPath', () => {
  for (const payload of leavesTheSite) {
    it(`keeps ${JSON.stringify(payload).slice(0, 60)} on the site`, () => {
      expect(safeNextPath(payload)).toBe('/');
    });
  }

  it('answers "/" for nothing', () => {
    expect(safeNextPath(undefined)).toBe('/');
    expect(safeNextPath(null)).toBe('/');
  });

  it('keeps paths of the site, normalised', () => {
    expect(safeNextPath('/checkout')).toBe('/checkout');
    expect(safeNextPath('/orders/01JZ0000000000000000000000?tab=pay#qr')).toBe(
      '/orders/01JZ0000000000000000000000?tab=pay#qr',
    );
    expect(safeNextPath('/c/laptops?brand=asus&sort=price')).toBe('/c/laptops?brand=asus&sort=price');
    expect(safeNextPath('/search?q=i7+16gb')).toBe('/search?q=i7+16gb');
    expect(safeNextPath('/search?q=100%25')).toBe('/search?q=100%25');
    expect(safeNextPath('/a/../checkout')).toBe('/checkout');
    expect(safeNextPath('/account/./orders')).toBe('/account/orders');
    // Another address only as a query value is a search, not a way out.
    expect(safeNextPath('/search?q=//evil.example')).toBe('/search?q=//evil.example');
  });

  it('keeps Khmer paths, percent-encoded as a browser sends them', () => {
    const khmer = '/search?q=កុំព្យូទ័រ';
    expect(decodeURIComponent(safeNextPath(khmer))).toBe(khmer);
    expect(safeNextPath(safeNextPath(khmer))).toBe(safeNextPath(khmer));
  });
});
