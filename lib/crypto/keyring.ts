// The field-encryption key ring, read from GROUNDWORK_ENCRYPTION_KEYS (newest key first) or, on the
// embedded default only, from a key file generated beside the PGlite folder on first use.
import { randomBytes } from "node:crypto";
import { existsSync, linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { localDataDir } from "../platform/local-data";

export const KEYS_ENV = "GROUNDWORK_ENCRYPTION_KEYS";
export const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
const KEY_BYTES = 32;
const KEY_FILE_NAME = "encryption-keys.json";

export interface EncryptionKey {
  readonly id: string;
  /** 32 raw bytes for AES-256. Non-enumerable, so logging or serialising a key never prints it. */
  readonly key: Buffer;
}

export interface KeyRing {
  /** The newest key: every new envelope is written under it. */
  readonly active: EncryptionKey;
  /** Every key, newest first; older ones only decrypt until `keys:rotate` has moved their values. */
  readonly keys: readonly EncryptionKey[];
  byId(id: string): EncryptionKey | undefined;
}

export type KeyEnv = Readonly<Record<string, string | undefined>>;

/** A configuration problem: the message names the entry (by position and id), never its key material. */
export class KeyRingConfigError extends Error {
  override readonly name = "KeyRingConfigError";
}

function makeKey(id: string, key: Buffer): EncryptionKey {
  const entry = { id };
  Object.defineProperty(entry, "key", { value: key, enumerable: false });
  return Object.freeze(entry) as EncryptionKey;
}

/** Builds a ring from keys given newest first. */
export function createKeyRing(keys: readonly EncryptionKey[]): KeyRing {
  const [active] = keys;
  if (!active) throw new KeyRingConfigError("the encryption key ring is empty");
  const byId = new Map(keys.map((k) => [k.id, k]));
  return Object.freeze({ active, keys: Object.freeze([...keys]), byId: (id: string) => byId.get(id) });
}

// Buffer.from(…, "base64") silently skips junk characters, so a typo would become a different key.
function decodeStrictBase64(text: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return undefined;
  const bytes = Buffer.from(text, "base64");
  return bytes.toString("base64").replace(/=+$/, "") === text.replace(/=+$/, "") ? bytes : undefined;
}

function parseEntry(raw: string, position: number, source: string): EncryptionKey {
  const where = `${source} entry #${position}`;
  const entry = raw.trim();
  if (entry === "") throw new KeyRingConfigError(`${where} is empty (expected keyId:base64key)`);
  const colon = entry.indexOf(":");
  if (colon < 0) throw new KeyRingConfigError(`${where} has no ':' (expected keyId:base64key)`);
  const id = entry.slice(0, colon);
  // A bad id is not echoed: an entry written backwards would put the key where the id belongs.
  if (!KEY_ID_PATTERN.test(id)) {
    throw new KeyRingConfigError(`${where}: key id must match ${String(KEY_ID_PATTERN)} (got ${id.length} characters)`);
  }
  const key = decodeStrictBase64(entry.slice(colon + 1).trim());
  if (!key) throw new KeyRingConfigError(`${where} (id "${id}"): key is not valid base64`);
  if (key.length !== KEY_BYTES) {
    throw new KeyRingConfigError(`${where} (id "${id}"): key must be ${KEY_BYTES} bytes for AES-256, got ${key.length}`);
  }
  return makeKey(id, key);
}

/** Parses `keyId:base64key` entries (newest first); `source` names where they came from in errors. */
export function parseKeyEntries(entries: readonly string[], source: string = KEYS_ENV): KeyRing {
  const keys = entries.map((raw, i) => parseEntry(raw, i + 1, source));
  const seen = new Set<string>();
  keys.forEach((k, i) => {
    if (seen.has(k.id)) throw new KeyRingConfigError(`${source} entry #${i + 1}: duplicate key id "${k.id}"`);
    seen.add(k.id);
  });
  return createKeyRing(keys);
}

/** Parses the comma-separated GROUNDWORK_ENCRYPTION_KEYS format. */
export function parseKeyRing(value: string, source: string = KEYS_ENV): KeyRing {
  return parseKeyEntries(value.split(","), source);
}

function todayStamp(): string {
  return new Date().toISOString().slice(0, 10).replace(/-/g, "");
}

/** A new random key as a `keyId:base64key` entry; the default id is `k<yyyymmdd>_<random>`. */
export function generateKeyEntry(id?: string): string {
  const keyId = id ?? `k${todayStamp()}_${randomBytes(3).toString("hex")}`;
  if (!KEY_ID_PATTERN.test(keyId)) throw new KeyRingConfigError(`key id must match ${String(KEY_ID_PATTERN)}`);
  return `${keyId}:${randomBytes(KEY_BYTES).toString("base64")}`;
}

/** Where the embedded default keeps its generated key: beside the PGlite folder, e.g. .data/encryption-keys.json. */
export function keyFilePath(env: KeyEnv = process.env): string {
  return path.join(localDataDir(env), KEY_FILE_NAME);
}

interface KeyFile {
  note?: string;
  keys: string[];
}

function readKeyFile(file: string): KeyRing {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new KeyRingConfigError(`${file} is not readable JSON (${(error as Error).name})`);
  }
  const keys = (parsed as Partial<KeyFile> | null)?.keys;
  if (!Array.isArray(keys) || !keys.every((k): k is string => typeof k === "string")) {
    throw new KeyRingConfigError(`${file} must hold {"keys": ["keyId:base64key", …]} (newest first)`);
  }
  if ((statSync(file).mode & 0o077) !== 0) {
    console.warn(`[crypto] ${file} is readable by other users; restrict it with chmod 600`);
  }
  return parseKeyEntries(keys, file);
}

// Written to a private temporary file and hard-linked into place: the link either creates the key
// file complete or fails because another process won the race, whose key we then read and share.
function createKeyFile(file: string): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const content: KeyFile = {
    note: `Field-encryption keys of the embedded database, newest first. Losing this file makes encrypted fields unreadable. Set ${KEYS_ENV} to manage keys yourself.`,
    keys: [generateKeyEntry()],
  };
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600, flag: "wx" });
  try {
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    unlinkSync(temporary);
  }
}

function buildKeyRing(env: KeyEnv): KeyRing {
  const configured = env[KEYS_ENV]?.trim();
  if (configured) return parseKeyRing(configured);
  if (env.DATABASE_URL) {
    // A server database must never silently get a key that lives on one machine's disk.
    throw new KeyRingConfigError(
      `${KEYS_ENV} is required when DATABASE_URL is set; generate one with \`npm run -s cli -- keys:generate\``,
    );
  }
  const file = keyFilePath(env);
  if (!existsSync(file)) createKeyFile(file);
  return readKeyFile(file);
}

const cache = new Map<string, KeyRing>();

/**
 * The key ring for this environment, built once per process. Cached per distinct configuration
 * (keys, server or embedded, key file) so tests passing their own env objects never see another's ring.
 */
export function loadKeyRing(env: KeyEnv = process.env): KeyRing {
  const cacheKey = JSON.stringify([env[KEYS_ENV]?.trim() ?? "", Boolean(env.DATABASE_URL), keyFilePath(env)]);
  let ring = cache.get(cacheKey);
  if (!ring) {
    ring = buildKeyRing(env);
    cache.set(cacheKey, ring);
  }
  return ring;
}

/** Forgets every cached ring (tests, or after the operator changed the key file). */
export function resetKeyRingCache(): void {
  cache.clear();
}
