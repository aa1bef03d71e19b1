import { describe, expect, it } from 'vitest';
import {
  cambodianPhone,
  cambodianPhonePrefixes,
  formatCambodianPhone,
  normaliseCambodianPhone,
} from './phone';

describe('Cambodian phone numbers', () => {
  it.each([
    ['012 345 678', '+85512345678'],
    ['012345678', '+85512345678'],
    ['012-345-678', '+85512345678'],
    ['012.345.678', '+85512345678'],
    ['+855 12 345 678', '+85512345678'],
    ['+85512345678', '+85512345678'],
    ['855 12 345 678', '+85512345678'],
    ['00855 12 345 678', '+85512345678'],
    ['+855 (0)12 345 678', '+85512345678'],
    ['097 123 4567', '+855971234567'],
    ['(023) 456 789', '+85523456789'],
    ['  088\u00a0999 8877 ', '+855889998877'],
  ])('%s is %s', (typed, e164) => {
    expect(normaliseCambodianPhone(typed)).toBe(e164);
  });

  it.each([
    ['too short', '012 345 67'],
    ['too long', '012 345 678 901'],
    ['no trunk 0 nor calling code', '12345678'],
    ['a 0 after the trunk 0', '001 234 567'],
    ['another country', '+66 81 234 5678'],
    ['letters', '012 ABC 678'],
    ['a plus in the middle', '012+345678'],
    ['empty', ''],
  ])('refuses %s (%s)', (_why, typed) => {
    expect(normaliseCambodianPhone(typed)).toBeNull();
  });

  it('reads the start of a number typed in a search in both stored forms', () => {
    const dara = { national: '01234', international: '+8551234' };
    for (const typed of ['012 34', '01234', '+855 12 34', '855 12-34', '00855 1234', '+855 (0)12 34'])
      expect(cambodianPhonePrefixes(typed)).toEqual(dara);
    for (const typed of ['0', '855', 'Dara', '0012', '1234'])
      expect(cambodianPhonePrefixes(typed)).toBeNull();
  });

  it('reads the E.164 form back as Cambodians write it', () => {
    expect(formatCambodianPhone('+85512345678')).toBe('012 345 678');
    expect(formatCambodianPhone('+855971234567')).toBe('097 123 4567');
    expect(formatCambodianPhone('not a phone')).toBe('not a phone');
  });

  it('as a schema field: stores the E.164 form, or says what to enter', () => {
    expect(cambodianPhone().parse('012 345 678')).toBe('+85512345678');
    const refused = cambodianPhone().safeParse('12');
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toMatch(/012 345 678/);
  });
});
