// `npm run -s cli -- token:create --email <email> --name <name> [--scopes read,write] [--expires-days N]`:
// mints an API token for an existing user without a browser (CI set-up, first admin token).
// The token is the last line of stdout, alone, so `TOKEN=$(npm run -s cli -- token:create …)` works.
import { parseArgs } from "node:util";
import { eq, sql } from "drizzle-orm";
import { closeDatabase, getDatabase } from "../../db/client";
import { TOKEN_SCOPES, type TokenScope, users } from "../../db/schema";
import { ApiError } from "../../lib/api/errors";
import { TOKEN_EXPIRY_DAYS_MAX } from "../../lib/auth/token-validators";
import { createApiToken } from "../../lib/auth/tokens";

const USAGE = "usage: npm run -s cli -- token:create --email <email> --name <name> [--scopes read,write,admin] [--expires-days N]";

type TokenCreateOptions = { email: string; name: string; scopes: TokenScope[]; expiresDays: number | null };

const PARSE_CONFIG = {
  strict: true,
  allowPositionals: false,
  options: {
    email: { type: "string" },
    name: { type: "string" },
    scopes: { type: "string", default: "read,write" },
    "expires-days": { type: "string" },
  },
} as const;

/** The options, or a message for stderr (exit code 2: the command line itself is wrong). */
function parseOptions(args: string[]): TokenCreateOptions | { error: string } {
  let parsed: ReturnType<typeof parseArgs<typeof PARSE_CONFIG>>;
  try {
    parsed = parseArgs({ ...PARSE_CONFIG, args });
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  const { values } = parsed;
  const email = values.email?.trim();
  const name = values.name?.trim();
  if (!email) return { error: "--email is required" };
  if (!name) return { error: "--name is required" };

  const requested = values.scopes.split(",").map((scope) => scope.trim()).filter(Boolean);
  const unknown = requested.filter((scope) => !(TOKEN_SCOPES as readonly string[]).includes(scope));
  if (requested.length === 0 || unknown.length > 0) return { error: `--scopes takes a comma-separated list of ${TOKEN_SCOPES.join(", ")}` };
  const scopes = TOKEN_SCOPES.filter((scope) => requested.includes(scope));

  let expiresDays: number | null = null;
  if (values["expires-days"] !== undefined) {
    expiresDays = Number(values["expires-days"]);
    if (!Number.isSafeInteger(expiresDays) || expiresDays < 1 || expiresDays > TOKEN_EXPIRY_DAYS_MAX) {
      return { error: `--expires-days takes a whole number of days from 1 to ${TOKEN_EXPIRY_DAYS_MAX}` };
    }
  }
  return { email, name, scopes, expiresDays };
}

/** Returns the exit code: 0 created, 1 refused (unknown or inactive user, scope not allowed), 2 bad arguments. */
export async function tokenCreate(args: string[]): Promise<number> {
  const options = parseOptions(args);
  if ("error" in options) {
    console.error(`${options.error}\n${USAGE}`);
    return 2;
  }
  try {
    const { db } = await getDatabase();
    const [user] = await db
      .select({ id: users.id, email: users.email, role: users.role, isActive: users.isActive })
      .from(users)
      .where(eq(sql`lower(${users.email})`, options.email.toLowerCase()))
      .limit(1);
    if (!user) {
      console.error(`No user has the email ${options.email}.`);
      return 1;
    }
    if (!user.isActive) {
      console.error(`The user ${user.email} is deactivated; reactivate them before creating a token.`);
      return 1;
    }
    if (options.scopes.includes("admin") && user.role !== "admin") {
      console.error(`The admin scope is only for administrators; ${user.email} is ${user.role}.`);
      return 1;
    }
    const expiresAt = options.expiresDays === null ? null : new Date(Date.now() + options.expiresDays * 86_400_000);
    // The audit actor is the token's owner: there is no signed-in operator to name, and the owner is
    // whose credentials the token becomes (the audit row shows it was minted, with no request id).
    const { token, record } = await createApiToken(db, { systemUserId: user.id }, { name: options.name, scopes: options.scopes, expiresAt });

    console.error(
      `Created API token #${record.id} "${record.name}" for ${user.email} (${user.role}), scopes ${record.scopes.join(",")}, ` +
        `${record.expires_at ? `expires ${record.expires_at}` : "never expires"}. It is shown once, below; store it now.`,
    );
    console.log(token);
    return 0;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    console.error(error.message);
    return 1;
  } finally {
    await closeDatabase();
  }
}
