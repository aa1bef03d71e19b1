const KEY_SEGMENT = /^[a-z0-9][a-z0-9._-]*$/;

/**
 * Keys are relative paths of lower-case letters, digits, '.', '_' and '-' between single slashes. Each segment
 * starts with a letter or digit, so no key can climb out of the storage root ('..'), name a hidden file, or reach
 * the disk driver's temporary files.
 */
export function isValidKey(key: string): boolean {
  return (
    key.length <= 512 && !key.includes('..') && key.split('/').every((segment) => KEY_SEGMENT.test(segment))
  );
}

export function assertValidKey(key: string): void {
  if (!isValidKey(key)) throw new Error(`Not a valid storage key: ${JSON.stringify(key.slice(0, 100))}`);
}

const CONTENT_TYPES: Record<string, string> = {
  webp: 'image/webp',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  svg: 'image/svg+xml',
  pdf: 'application/pdf',
};

/** The type a key's extension names. The disk keeps no metadata, so a file's type is its extension's. */
export function contentTypeOf(key: string): string {
  const extension = /\.([a-z0-9]+)$/.exec(key)?.[1] ?? '';
  return CONTENT_TYPES[extension] ?? 'application/octet-stream';
}

/** Refuses a bad key, and a body whose type its extension does not name (the disk could not give it back). */
export function assertPutAllowed(key: string, contentType: string): void {
  assertValidKey(key);
  if (contentTypeOf(key) !== contentType)
    throw new Error(`A file stored as ${key} must be ${contentTypeOf(key)}, not ${contentType}`);
}
