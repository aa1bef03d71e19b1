import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';
import type { TestProject } from 'vitest/node';
import './support';
import { openDatabase } from '../src/db/database';
import { migrateToLatest } from '../src/db/migrate';

/**
 * Once per run of a database project. On MySQL, migrating a fresh database costs about 4 s of DDL (40 migrations,
 * their ALTERs rebuilding tables) and every test file starts at least one: minutes of CI on two cores. Copying the
 * migrated tables' definitions costs about 0.3 s. Migrating from nothing is still proven on every run: by the
 * upgrades test (every migration, one at a time) and by the tests that start the server in a process of its own on
 * an empty database (crash, multi-process, the command-line tools).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const serverUrl = process.env.MYSQL_URL;
  if (!serverUrl)
    throw new Error('The mysql test project needs MYSQL_URL, e.g. mysql://root@127.0.0.1:3306/test');
  const name = `shop_template_${randomBytes(5).toString('hex')}`;
  const admin = await createConnection({ uri: serverUrl });
  try {
    await admin.query(`create database ${name} character set utf8mb4 collate utf8mb4_unicode_ci`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const database = await openDatabase(url.toString());
    try {
      await migrateToLatest(database.db);
    } finally {
      await database.close();
    }
  } catch (error) {
    await admin.query(`drop database if exists ${name}`);
    throw error;
  } finally {
    await admin.end();
  }
  project.provide('mysqlTemplate', name);
  return async () => {
    const conn = await createConnection({ uri: serverUrl });
    await conn.query(`drop database if exists ${name}`);
    await conn.end();
  };
}
