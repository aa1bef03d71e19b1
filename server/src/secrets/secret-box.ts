import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Secrets kept in the database (the Bakong token, the SMTP password) are sealed with AES-256-GCM: a database dump,
 * a backup or a support copy of the settings table holds no usable secret without the key, which lives outside the
 * database (docs/decisions/0008-secrets-at-rest.md). Each sealed text names what it is for (`purpose`, bound as
 * associated data), so a sealed token copied into the password's place does not open.
 */
export interface SecretBox {
  seal(plaintext: string, purpose: string): string;
  /** The plaintext, or throws SecretUnreadable (another key, a changed text, another purpose). */
  open(sealed: string, purpose: string): string;
}

export class SecretUnreadable extends Error {
  override name = 'SecretUnreadable';
}

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new TypeError('a secret box needs a 32-byte key');
  return {
    seal(plaintext, purpose) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(purpose, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [VERSION, iv, cipher.getAuthTag(), body].map(encode).join(':');
    },
    open(sealed, purpose) {
      const [version, iv, tag, body, ...rest] = sealed.split(':');
      if (version !== VERSION || !iv || !tag || body === undefined || rest.length)
        throw new SecretUnreadable('not a sealed secret');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, decode(iv));
        decipher.setAAD(Buffer.from(purpose, 'utf8'));
        const authTag = decode(tag);
        if (authTag.length !== TAG_BYTES) throw new SecretUnreadable('not a sealed secret');
        decipher.setAuthTag(authTag);
        return Buffer.concat([decipher.update(decode(body)), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretUnreadable(
          'a stored secret cannot be opened with this key (SECRETS_KEY or <DATA_DIR>/secrets.key changed?)',
        );
      }
    },
  };
}

function encode(part: string | Buffer): string {
  return typeof part === 'string' ? part : part.toString('base64url');
}

function decode(part: string): Buffer {
  return Buffer.from(part, 'base64url');
}
