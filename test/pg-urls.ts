// Connection strings derived from DATABASE_URL for test and benchmark databases.
export function databaseUrlFor(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** The maintenance connection used to create and drop databases. */
export function adminUrl(url: string): string {
  return databaseUrlFor(url, "postgres");
}
