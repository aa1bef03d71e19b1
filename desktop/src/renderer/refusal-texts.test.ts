import { describe, expect, it } from 'vitest';
import { toCommandError } from '../bridge/protocol';
import { refuse } from '../core/refusals';
import { refusalText } from './refusal-texts';

describe("the core's refusals on a Khmer screen", () => {
  it('cross the bridge with their key and values, and are said in Khmer', () => {
    const error = toCommandError(refuse('over_limit', 'discountOverLimit', { role: 'staff', percent: 10 }));
    expect(error).toEqual({
      code: 'over_limit',
      message: 'a staff may take at most 10 % off a sale: ask an admin for more',
      text: { key: 'discountOverLimit', params: { role: 'staff', percent: 10 } },
    });
    expect(refusalText('km', error.message, error.text)).toBe(
      'បុគ្គលិក អាចបញ្ចុះតម្លៃបានច្រើនបំផុត 10% នៃការលក់៖ សូមសុំអ្នកគ្រប់គ្រងបន្ថែម',
    );
    expect(refusalText('en', error.message, error.text)).toBe(error.message);
  });

  it("keep the core's English for a refusal without a key or with one the screens do not know", () => {
    expect(refusalText('km', 'the printer is out of paper', undefined)).toBe('the printer is out of paper');
    expect(refusalText('km', 'x', { key: 'toString', params: {} })).toBe('x');
  });
});
