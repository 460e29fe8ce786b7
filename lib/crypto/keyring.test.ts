import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { inspect } from "node:util";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { KeyRingConfigError, generateKeyEntry, keyFilePath, loadKeyRing, parseKeyRing, resetKeyRingCache } from "./keyring";

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "groundwork-keys-"));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => resetKeyRingCache());

/** The configuration error a parse gives; asserts its message leaks none of `secrets`. */
function configError(value: string, secrets: string[]): string {
  let error: unknown;
  try {
    parseKeyRing(value);
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(KeyRingConfigError);
  const message = (error as Error).message;
  for (const secret of secrets) expect(message).not.toContain(secret);
  return message;
}

describe("parseKeyRing", () => {
  it("makes the first entry active and finds every key by id", () => {
    const [a, b] = [generateKeyEntry("a"), generateKeyEntry("b")];
    const ring = parseKeyRing(` ${b} , ${a} `);
    expect(ring.active.id).toBe("b");
    expect(ring.keys.map((k) => k.id)).toEqual(["b", "a"]);
    expect(ring.byId("a")?.key.equals(Buffer.from(a.split(":")[1] ?? "", "base64"))).toBe(true);
    expect(ring.byId("c")).toBeUndefined();
  });

  it("keeps key material out of logs and JSON", () => {
    const entry = generateKeyEntry("a");
    const key = entry.split(":")[1] ?? "";
    const ring = parseKeyRing(entry);
    expect(JSON.stringify(ring)).not.toContain(key);
    expect(inspect(ring, { depth: 5 })).not.toContain(ring.active.key.toString("hex").slice(0, 8));
  });

  it("names the entry with bad base64 without printing its key", () => {
    const good = generateKeyEntry("good");
    const bad = `k2:${randomBytes(32).toString("base64").slice(0, 40)}!!!=`;
    const message = configError(`${good},${bad}`, [good.split(":")[1] ?? "", bad.split(":")[1] ?? ""]);
    expect(message).toMatch(/entry #2 \(id "k2"\).*not valid base64/);
  });

  it("names the entry whose key is not 32 bytes", () => {
    const short = randomBytes(16).toString("base64");
    expect(configError(`k1:${short}`, [short])).toMatch(/entry #1 \(id "k1"\).*32 bytes.*got 16/);
  });

  it("names a duplicate key id", () => {
    const [first, second] = [generateKeyEntry("same"), generateKeyEntry("same")];
    const message = configError(`${first},${second}`, [first.split(":")[1] ?? "", second.split(":")[1] ?? ""]);
    expect(message).toMatch(/entry #2: duplicate key id "same"/);
  });

  it("rejects a bad key id without echoing it, since a reversed entry puts the key there", () => {
    const key = randomBytes(32).toString("base64");
    expect(configError(`${key}:k1`, [key])).toMatch(/entry #1: key id must match/);
    expect(configError(`bad.id:${key}`, [key, "bad.id"])).toMatch(/entry #1: key id must match/);
    expect(configError(`${"x".repeat(33)}:${key}`, [key])).toMatch(/got 33 characters/);
  });

  it("rejects entries without a separator and empty entries", () => {
    const key = randomBytes(32).toString("base64");
    expect(configError(key, [key])).toMatch(/entry #1 has no ':'/);
    expect(configError(`${generateKeyEntry("a")},,`, [])).toMatch(/entry #2 is empty/);
  });
});

describe("generateKeyEntry", () => {
  it("makes a parseable 32-byte key with a dated default id", () => {
    const entry = generateKeyEntry();
    const ring = parseKeyRing(entry);
    expect(ring.active.id).toMatch(/^k\d{8}_[0-9a-f]{6}$/);
    expect(ring.active.key).toHaveLength(32);
    expect(generateKeyEntry()).not.toBe(entry);
  });

  it("refuses an invalid id", () => {
    expect(() => generateKeyEntry("has space")).toThrow(KeyRingConfigError);
  });
});

describe("loadKeyRing", () => {
  it("uses GROUNDWORK_ENCRYPTION_KEYS when set, with or without DATABASE_URL", () => {
    const entry = generateKeyEntry("env1");
    const dir = tempDir();
    const env = { GROUNDWORK_ENCRYPTION_KEYS: entry, PGLITE_DIR: path.join(dir, "pglite") };
    expect(loadKeyRing(env).active.id).toBe("env1");
    expect(loadKeyRing({ ...env, DATABASE_URL: "postgres://db.example/app" }).active.id).toBe("env1");
    expect(existsSync(keyFilePath(env))).toBe(false);
  });

  it("refuses to start against DATABASE_URL without keys, pointing at keys:generate", () => {
    const dir = tempDir();
    const env = { DATABASE_URL: "postgres://db.example/app", PGLITE_DIR: path.join(dir, "pglite") };
    expect(() => loadKeyRing(env)).toThrow(
      "GROUNDWORK_ENCRYPTION_KEYS is required when DATABASE_URL is set; generate one with `npm run -s cli -- keys:generate`",
    );
    expect(() => loadKeyRing({ ...env, GROUNDWORK_ENCRYPTION_KEYS: "  " })).toThrow(KeyRingConfigError);
    expect(existsSync(keyFilePath(env))).toBe(false);
  });

  it("on the embedded default generates a private key file beside the PGlite folder once, then reuses it", () => {
    const dir = tempDir();
    const env = { PGLITE_DIR: path.join(dir, "nested", "pglite") };
    const file = path.join(dir, "nested", "encryption-keys.json");
    expect(keyFilePath(env)).toBe(file);

    const first = loadKeyRing(env);
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const written = readFileSync(file, "utf8");
    expect(loadKeyRing(env)).toBe(first);

    resetKeyRingCache();
    const second = loadKeyRing(env);
    expect(second).not.toBe(first);
    expect(second.active.id).toBe(first.active.id);
    expect(second.active.key.equals(first.active.key)).toBe(true);
    expect(readFileSync(file, "utf8")).toBe(written);
  });

  it("keeps the default key file at .data/encryption-keys.json", () => {
    expect(keyFilePath({})).toBe(path.resolve(".data/encryption-keys.json"));
  });

  it("caches per configuration, so different environments get their own rings", () => {
    const [a, b] = [generateKeyEntry("a"), generateKeyEntry("b")];
    expect(loadKeyRing({ GROUNDWORK_ENCRYPTION_KEYS: a }).active.id).toBe("a");
    expect(loadKeyRing({ GROUNDWORK_ENCRYPTION_KEYS: b }).active.id).toBe("b");
  });

  it("names a broken key file in its error", () => {
    const dir = tempDir();
    const env = { PGLITE_DIR: path.join(dir, "pglite") };
    loadKeyRing(env);
    resetKeyRingCache();
    rmSync(keyFilePath(env));
    // A hand-edited file with a truncated key must fail loudly rather than mint a new key.
    const entry = generateKeyEntry("k1");
    const truncated = entry.slice(0, -8);
    writeFileSync(keyFilePath(env), JSON.stringify({ keys: [truncated] }), { mode: 0o600 });
    expect(() => loadKeyRing(env)).toThrow(new RegExp(`${path.basename(keyFilePath(env))} entry #1 \\(id "k1"\\)`));
  });
});
