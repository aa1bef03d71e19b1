import { describe, expect, it } from 'vitest';
import { addressKey } from './holds';
import { DEFAULT_HOLD_LIMITS, unitsAllowed } from './hold-limits';

describe('who holds what', () => {
  it('one network is one IPv4 address or one IPv6 /64, however it is written', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1:2:ffff::9')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:DB8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
  });

  it('a customer may hold 5 units of a product, never more than half its stock, and always one', () => {
    expect(unitsAllowed(DEFAULT_HOLD_LIMITS, 100)).toBe(5);
    expect(unitsAllowed(DEFAULT_HOLD_LIMITS, 5)).toBe(3);
    expect(unitsAllowed(DEFAULT_HOLD_LIMITS, 2)).toBe(1);
    expect(unitsAllowed(DEFAULT_HOLD_LIMITS, 1)).toBe(1);
    expect(unitsAllowed({ ...DEFAULT_HOLD_LIMITS, stockSharePercent: 100 }, 2)).toBe(2);
  });
});
