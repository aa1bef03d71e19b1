import { sql, type Expression, type SqlBool } from 'kysely';

/**
 * `column LIKE '%text%'`, with the text's own % and _ taken literally on both dialects. The escape character is `!`
 * because a backslash means different things in the two dialects' string literals (MySQL reads '\\' as one
 * backslash, SQLite as two, and SQLite has no default escape character at all). Callers lower-case both sides:
 * SQLite's LIKE ignores case for ASCII only.
 */
export function containsText(column: Expression<unknown>, text: string): Expression<SqlBool> {
  return sql<SqlBool>`${column} like ${`%${literal(text)}%`} escape '!'`;
}

/** `column LIKE 'text%'`, with the same escaping as containsText (an index on the column can still serve it). */
export function startsWithText(column: Expression<unknown>, text: string): Expression<SqlBool> {
  return sql<SqlBool>`${column} like ${`${literal(text)}%`} escape '!'`;
}

function literal(text: string): string {
  return text.replace(/[!%_]/g, (c) => `!${c}`);
}
