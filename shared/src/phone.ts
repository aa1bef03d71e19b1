import { z } from 'zod';

/**
 * Cambodian phone numbers as people write them: "012 345 678", "012345678", "012-345-678", "(023) 456 789",
 * "+855 12 345 678", "855 12 345 678", "00855 12 345 678", "+855 (0)12 345 678". A national number is a 0 and then 8
 * or 9 digits (the first not 0): mobile "0xx xxx xxx" or "0xx xxx xxxx", Phnom Penh's landlines "023 xxx xxx". Every
 * form becomes one string, E.164 ("+85512345678"), so one number typed two ways is the same number to staff searching
 * for it, the counters and the invoices.
 */
export const CAMBODIA_CALLING_CODE = '855';

const SEPARATORS = /[\s().\-\u00a0]/g;

/** The number in E.164 (`+855` and 8 or 9 digits), or null when it is not a Cambodian number. */
export function normaliseCambodianPhone(typed: string): string | null {
  const compact = typed.trim().replace(SEPARATORS, '');
  const international = /^(?:\+|00)?855(\d+)$/.exec(compact);
  // After the calling code a trunk 0 is sometimes kept ("+855 (0)12 …"): it is not part of the number.
  const national = international ? international[1]!.replace(/^0/, '') : /^0(\d+)$/.exec(compact)?.[1];
  if (!national || !/^[1-9]\d{7,8}$/.test(national)) return null;
  return `+${CAMBODIA_CALLING_CODE}${national}`;
}

/**
 * The start of a phone number as someone types it in a search ("012 34", "+855 12 34"), in both forms a stored
 * number may have: national with its 0 ("01234") and E.164 ("+8551234"). Null when it is not the start of a
 * Cambodian number (a name, or too few digits to mean anything).
 */
export function cambodianPhonePrefixes(typed: string): { national: string; international: string } | null {
  const compact = typed.trim().replace(SEPARATORS, '');
  const digits = /^(?:(?:\+|00)?8550?|0)([1-9]\d{1,8})$/.exec(compact)?.[1];
  if (!digits) return null;
  return { national: `0${digits}`, international: `+${CAMBODIA_CALLING_CODE}${digits}` };
}

/** As Cambodians read it: "012 345 678" (or "097 123 4567"), from any form `normaliseCambodianPhone` accepts. */
export function formatCambodianPhone(phone: string): string {
  const e164 = normaliseCambodianPhone(phone);
  if (!e164) return phone;
  const national = `0${e164.slice(1 + CAMBODIA_CALLING_CODE.length)}`;
  return `${national.slice(0, 3)} ${national.slice(3, 6)} ${national.slice(6)}`;
}

export const PHONE_HINT = 'enter a Cambodian phone number such as 012 345 678 or +855 12 345 678';

/** A phone field of any form: checked and stored as E.164 by the one normaliser above. */
export function cambodianPhone(message = PHONE_HINT) {
  return z
    .string()
    .max(40, message)
    .transform((typed, ctx) => {
      const phone = normaliseCambodianPhone(typed);
      if (phone) return phone;
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    });
}
