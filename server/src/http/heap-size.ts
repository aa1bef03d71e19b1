/**
 * What a value really holds in memory, estimated from V8's layouts on 64-bit Node (no pointer compression), for
 * caches that must stay within a bound. Object headers, array backing stores, hash tables, string headers, boxed
 * numbers and whole buffer backing stores all count: a cache sized by the JSON length of its values alone holds
 * several times its bound (issue 9, finding 14). Values reachable twice count once. Estimates err on the high side.
 */

const WORD = 8;
const OBJECT_HEADER = 3 * WORD;
const ARRAY_HEADER = 4 * WORD + 2 * WORD;
const STRING_HEADER = 2 * WORD;
const BOXED_NUMBER = 2 * WORD;
/** A Map's entry: key, value and chain link, plus its share of the bucket array and of growth slack. */
const MAP_ENTRY = 6 * WORD;
const SET_ENTRY = 5 * WORD;
const HASH_TABLE_HEADER = 8 * WORD;
/** A Buffer or typed array object, its ArrayBuffer object and the backing store's bookkeeping. */
const BUFFER_OVERHEAD = 160;

const align = (bytes: number) => Math.ceil(bytes / WORD) * WORD;

/** Bytes of a string's own storage: two bytes per character once one is outside Latin-1. */
export function stringBytes(text: string): number {
  // eslint-disable-next-line no-control-regex
  const perChar = /[^\u0000-\u00ff]/.test(text) ? 2 : 1;
  return STRING_HEADER + align(text.length * perChar);
}

/** Bytes of a buffer: the whole backing store it keeps alive (a slice of a pool or a zlib chunk keeps all of it). */
export function bufferBytes(buffer: ArrayBufferView): number {
  return BUFFER_OVERHEAD + align(buffer.buffer.byteLength);
}

export function heapBytes(value: unknown): number {
  const seen = new Set<object>();
  let total = 0;
  const stack: unknown[] = [value];
  while (stack.length) {
    const item = stack.pop();
    switch (typeof item) {
      case 'string':
        total += stringBytes(item);
        continue;
      case 'number':
        // Small integers live in the slot that refers to them; other numbers are boxed.
        total += Number.isInteger(item) && Math.abs(item) < 2 ** 31 ? 0 : BOXED_NUMBER;
        continue;
      case 'bigint':
        total += BOXED_NUMBER + WORD;
        continue;
      case 'object':
        if (item === null || seen.has(item)) continue;
        seen.add(item);
        total += ownBytes(item, stack);
        continue;
      default:
        // booleans, undefined, symbols and functions of the code: shared, not held by the value
        continue;
    }
  }
  return total;
}

/** The object's own storage; what it refers to is pushed on `stack` to be counted once. */
function ownBytes(item: object, stack: unknown[]): number {
  if (ArrayBuffer.isView(item)) return bufferBytes(item);
  if (Array.isArray(item)) {
    for (const element of item as unknown[]) stack.push(element);
    return ARRAY_HEADER + WORD * item.length;
  }
  if (item instanceof Map) {
    for (const [key, entry] of item as Map<unknown, unknown>) stack.push(key, entry);
    return OBJECT_HEADER + HASH_TABLE_HEADER + MAP_ENTRY * item.size;
  }
  if (item instanceof Set) {
    for (const member of item as Set<unknown>) stack.push(member);
    return OBJECT_HEADER + HASH_TABLE_HEADER + SET_ENTRY * item.size;
  }
  const values = Object.values(item);
  for (const property of values) stack.push(property);
  // In-object properties; many keys spill into a dictionary of key, value and details per property.
  return OBJECT_HEADER + (values.length > 64 ? 3 * WORD + HASH_TABLE_HEADER : WORD) * values.length;
}
