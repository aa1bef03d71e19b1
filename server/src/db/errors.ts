/** True when a write broke a UNIQUE or PRIMARY KEY constraint (SQLite or MySQL): a conflict, not a crash. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; errno?: number };
  return (
    e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || e.errno === 1062
  );
}
