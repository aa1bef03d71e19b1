import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config';
import { createSecretBox, type SecretBox } from './secret-box';

export const SECRET_KEY_FILE = 'secrets.key';

/**
 * The shop's secret box, with the key SECRETS_KEY gives, or else the one in <DATA_DIR>/secrets.key, made on first
 * use readable by this account only (0600). Several servers on one database must share the key: give them all the
 * same SECRETS_KEY (a generated file only serves the servers that share the data folder).
 */
export function openSecretBox(config: Pick<Config, 'secretsKey' | 'dataDir'>): SecretBox {
  return createSecretBox(
    config.secretsKey
      ? keyFromText(config.secretsKey)
      : keyFromFile(path.join(config.dataDir, SECRET_KEY_FILE)),
  );
}

function keyFromText(text: string): Buffer {
  return /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
}

function keyFromFile(file: string): Buffer {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (!fs.existsSync(file)) {
    // Written whole under a name of its own, then linked into place: of several processes starting at once one
    // link wins, and nobody ever reads a half-written key.
    const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    fs.writeFileSync(draft, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
    try {
      fs.linkSync(draft, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      fs.rmSync(draft, { force: true });
    }
  }
  const text = fs.readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-fA-F]{64}$/.test(text))
    throw new Error(`${file}: not a key (64 hex digits); restore it from a backup, or set SECRETS_KEY`);
  return Buffer.from(text, 'hex');
}
