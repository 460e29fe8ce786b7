// npm run -s cli -- scores:rebuild [--user N]... — recomputes user_scores from the rows of the
// process database (DATABASE_URL or the embedded PGlite) with the counters' one definition, then
// re-evaluates specializations. Needed only after data was changed outside the services.
import { closeDatabase, getDatabase } from "../../db/client";
import { rebuildScores } from "../../lib/scores/rebuild";

const USAGE = "usage: scores:rebuild [--user N]...";

function parseUsers(args: string[]): number[] | Error {
  const ids: number[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    const inline = arg.startsWith("--user=") ? arg.slice("--user=".length) : undefined;
    if (arg !== "--user" && inline === undefined) return new Error(`unknown argument ${arg}`);
    const value = inline ?? args[++i];
    const id = Number(value);
    if (!Number.isSafeInteger(id) || id < 1) return new Error(`--user needs a positive integer id, got ${String(value)}`);
    ids.push(id);
  }
  return ids;
}

/** Returns the exit code: 0 when rebuilt, 2 for bad arguments. */
export async function scoresRebuild(args: string[]): Promise<number> {
  const users = parseUsers(args);
  if (users instanceof Error) {
    console.error(`${users.message}\n${USAGE}`);
    return 2;
  }
  try {
    const database = await getDatabase();
    const started = Date.now();
    const summary = await rebuildScores(database.db, { userIds: users.length ? users : undefined });
    console.log(
      `scores rebuilt for ${summary.users} users in ${((Date.now() - started) / 1000).toFixed(1)} s: ${summary.changed} rows corrected, ${summary.unlocked} specialization levels unlocked`,
    );
    return 0;
  } finally {
    await closeDatabase();
  }
}
