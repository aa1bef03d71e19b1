import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectionCap } from './connections';

function limitsFile(openFiles: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'limits-')), 'limits');
  fs.writeFileSync(
    file,
    'Limit                     Soft Limit           Hard Limit           Units     \n' +
      'Max processes             63458                63458                processes \n' +
      `Max open files            ${openFiles.padEnd(21)}${openFiles.padEnd(21)}files     \n`,
  );
  return file;
}

describe('the connection cap', () => {
  it('leaves a fifth of the descriptor limit to the database, files and mail unless configured', () => {
    expect(connectionCap(null, limitsFile('20000'))).toBe(16_000);
    expect(connectionCap(null, limitsFile('1024'))).toBe(819);
    expect(connectionCap(500, limitsFile('20000'))).toBe(500);
    expect(connectionCap(null, limitsFile('unlimited'))).toBe(4_000);
    expect(connectionCap(null, '/nonexistent/limits')).toBe(4_000);
  });
});
