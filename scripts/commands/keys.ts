// `npm run -s cli -- keys:generate` and `keys:rotate`: make a new field-encryption key, and move every
// encrypted value onto the newest key so older ones can be retired.
import { closeDatabase, databaseKind, getDatabase } from "../../db/client";
import { KEYS_ENV, KeyRingConfigError, generateKeyEntry, loadKeyRing } from "../../lib/crypto/keyring";
import { rotateEncryptedColumns } from "../../lib/crypto/rotate";

const ROTATE_USAGE = "usage: npm run -s cli -- keys:rotate [--batch-size N]";
const GENERATE_USAGE = "usage: npm run -s cli -- keys:generate [--id KEY_ID]";

/** The value following `--name` or given as `--name=value`; undefined when absent. */
function option(args: string[], name: string): string | undefined {
  const flag = `--${name}`;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === flag) return args[i + 1] ?? "";
    if (arg?.startsWith(`${flag}=`)) return arg.slice(flag.length + 1);
  }
  return undefined;
}

function unknownArguments(args: string[], known: readonly string[]): string[] {
  return args.filter((arg, i) => {
    if (!arg.startsWith("--")) return !known.some((name) => args[i - 1] === `--${name}`);
    return !known.some((name) => arg === `--${name}` || arg.startsWith(`--${name}=`));
  });
}

/**
 * Prints a new `keyId:base64key` entry on stdout (so it can be captured) and how to use it on stderr.
 * With several replicas, roll the new key out appended last (readable everywhere) before moving it
 * to the front: a replica that does not know the active key cannot read what the others write.
 */
export function keysGenerate(args: string[]): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    console.log(GENERATE_USAGE);
    return Promise.resolve(0);
  }
  const unknown = unknownArguments(args, ["id"]);
  if (unknown.length > 0) {
    console.error(`unknown argument ${unknown.join(" ")}\n${GENERATE_USAGE}`);
    return Promise.resolve(2);
  }
  try {
    console.log(generateKeyEntry(option(args, "id")));
  } catch (error) {
    if (!(error instanceof KeyRingConfigError)) throw error;
    console.error(error.message);
    return Promise.resolve(2);
  }
  console.error(
    `Prepend it (newest first) and restart: ${KEYS_ENV}="<new entry>,$${KEYS_ENV}", then run \`npm run -s cli -- keys:rotate\`.`,
  );
  return Promise.resolve(0);
}

/** Re-encrypts every value not under the active key; exit 1 if any value could not be decrypted. */
export async function keysRotate(args: string[]): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    console.log(ROTATE_USAGE);
    return 0;
  }
  const unknown = unknownArguments(args, ["batch-size"]);
  const batchText = option(args, "batch-size");
  const batchSize = batchText === undefined ? undefined : Number(batchText);
  if (unknown.length > 0 || (batchSize !== undefined && (!Number.isInteger(batchSize) || batchSize < 1))) {
    console.error(`${unknown.length > 0 ? `unknown argument ${unknown.join(" ")}` : "--batch-size must be a positive integer"}\n${ROTATE_USAGE}`);
    return 2;
  }

  let ring;
  try {
    ring = loadKeyRing();
  } catch (error) {
    if (!(error instanceof KeyRingConfigError)) throw error;
    console.error(error.message);
    return 1;
  }
  console.log(`rotating ${databaseKind() === "postgres" ? "PostgreSQL (DATABASE_URL)" : "the embedded database"} onto key "${ring.active.id}" (ring: ${ring.keys.map((k) => k.id).join(", ")})`);

  try {
    const database = await getDatabase();
    const results = await rotateEncryptedColumns(database.db, ring, { batchSize, log: (line) => console.log(`  ${line}`) });
    const failed = results.reduce((sum, r) => sum + r.failed, 0);
    const rotated = results.reduce((sum, r) => sum + r.rotated, 0);
    if (failed > 0) {
      console.error(`${failed} value(s) could not be decrypted and were left as they are: keep the old keys until they are fixed.`);
      return 1;
    }
    console.log(`done: ${rotated} value(s) rotated; every encrypted value is under "${ring.active.id}", older keys may be removed once every replica runs with this ring.`);
    return 0;
  } finally {
    await closeDatabase();
  }
}
