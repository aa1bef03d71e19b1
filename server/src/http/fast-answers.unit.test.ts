import helmet from 'helmet';
import { describe, expect, it } from 'vitest';
import { securityHeadersOf } from './fast-answers';

describe('securityHeadersOf', () => {
  it('records the headers helmet sets on every answer, as it sets them', () => {
    const headers = new Map(securityHeadersOf(helmet({ strictTransportSecurity: false })));
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(headers.has('strict-transport-security')).toBe(false);
    expect(headers.has('x-powered-by')).toBe(false);
  });

  it('refuses a middleware that does not finish at once (its headers could depend on the request)', () => {
    expect(() => securityHeadersOf(() => undefined)).toThrow(/synchronously/);
  });
});
