/**
 * How to dump the shop's MySQL database consistently while it sells: `--single-transaction` reads every InnoDB
 * table in one snapshot without locking them, `--routines` and `--triggers` keep what a restore needs beside the
 * tables, `--hex-blob` and utf8mb4 keep bytes and Khmer text as they are, `--no-tablespaces` spares the PROCESS
 * privilege a shop's user seldom has. The password is never printed: mysqldump asks for it (-p) or reads MYSQL_PWD.
 */
export function mysqlDumpAdvice(databaseUrl: string): { host: string; database: string; dump: string } {
  const url = new URL(databaseUrl);
  const host = url.hostname || 'localhost';
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  const args = [
    'mysqldump',
    '--single-transaction',
    '--routines',
    '--triggers',
    '--hex-blob',
    '--no-tablespaces',
    '--default-character-set=utf8mb4',
    `--host=${host}`,
    `--port=${url.port || '3306'}`,
    ...(url.username ? [`--user=${decodeURIComponent(url.username)}`] : []),
    ...(url.password ? ['-p'] : []),
    database,
  ];
  return { host, database, dump: `${args.map(shellWord).join(' ')} | gzip > shop-$(date +%F-%H%M).sql.gz` };
}

function shellWord(word: string): string {
  return /^[A-Za-z0-9_./=:@%+-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}
