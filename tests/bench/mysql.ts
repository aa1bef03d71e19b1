import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';

/** A scratch MariaDB/MySQL database for one benchmark run, created in utf8mb4 and dropped at the end. */
export interface ScratchMysql {
  /** DATABASE_URL of the scratch database. */
  url: string;
  database: string;
  version: string;
  /** Ends connections still working on the scratch database (a killed server's abandoned queries). */
  killLeftoverQueries(): Promise<void>;
  /** Databases that other clients of the same MariaDB server are connected to (their work shares its CPU). */
  otherClients(): Promise<string[]>;
  drop(): Promise<void>;
}

export async function createScratchMysql(baseUrl: string): Promise<ScratchMysql> {
  const base = new URL(baseUrl);
  const admin = await mysql.createConnection({
    host: base.hostname,
    port: base.port ? Number(base.port) : 3306,
    user: decodeURIComponent(base.username || 'root'),
    password: decodeURIComponent(base.password),
    connectTimeout: 3_000,
  });
  try {
    const [versionRows] = await admin.query<mysql.RowDataPacket[]>('select version() as v');
    const database = `shop_bench_${randomBytes(4).toString('hex')}`;
    await admin.query(`create database \`${database}\` character set utf8mb4 collate utf8mb4_unicode_ci`);
    const url = new URL(baseUrl);
    url.pathname = `/${database}`;
    const killLeftoverQueries = async () => {
      const [rows] = await admin.query<mysql.RowDataPacket[]>(
        'select id from information_schema.processlist where db = ? and id <> connection_id()',
        [database],
      );
      for (const row of rows) await admin.query(`kill ${Number(row.id)}`).catch(() => undefined);
    };
    const otherClients = async () => {
      const [rows] = await admin.query<mysql.RowDataPacket[]>(
        'select distinct db from information_schema.processlist where db is not null and db <> ?',
        [database],
      );
      return rows.map((row) => String(row.db));
    };
    let dropped = false;
    const drop = async () => {
      if (dropped) return;
      dropped = true;
      await killLeftoverQueries().catch(() => undefined);
      await admin.query(`drop database if exists \`${database}\``);
      await admin.end();
    };
    return {
      url: url.toString(),
      database,
      version: String(versionRows[0]?.v ?? 'unknown'),
      killLeftoverQueries,
      otherClients,
      drop,
    };
  } catch (error) {
    await admin.end().catch(() => undefined);
    throw error;
  }
}
