import { describe, expect, it } from "vitest";
import {
  FieldDecryptionError,
  decryptField,
  decryptNullable,
  encryptField,
  encryptNullable,
  envelopeKeyId,
  needsRotation,
} from "./fields";
import { generateKeyEntry, parseKeyRing } from "./keyring";

const entryA = generateKeyEntry("a");
const entryB = generateKeyEntry("b");
const ringA = parseKeyRing(entryA);
const ringB = parseKeyRing(entryB);
const ringBA = parseKeyRing(`${entryB},${entryA}`);
const aad = { table: "users", column: "phone_enc", rowId: 42 };
const secret = "+41 79 123 45 67 — Zoë";

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to throw");
}

function expectDecryptionError(fn: () => unknown, reason: FieldDecryptionError["reason"]): void {
  const error = catchError(fn);
  expect(error).toBeInstanceOf(FieldDecryptionError);
  expect((error as FieldDecryptionError).reason).toBe(reason);
  expect((error as Error).message).not.toContain(secret);
}

/** Flips one bit of the decoded part at `index` (2 = iv, 3 = ciphertext, 4 = tag) and re-encodes it. */
function tamper(envelope: string, index: number): string {
  const parts = envelope.split(".");
  const bytes = Buffer.from(parts[index] ?? "", "base64url");
  bytes[0] = (bytes[0] ?? 0) ^ 0x01;
  parts[index] = bytes.toString("base64url");
  return parts.join(".");
}

describe("encryptField / decryptField", () => {
  it("round-trips unicode text and writes a v1 envelope under the active key", () => {
    const envelope = encryptField(secret, aad, ringA);
    expect(envelope).toMatch(/^v1\.a\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    expect(envelope).not.toContain(secret);
    expect(decryptField(envelope, aad, ringA)).toBe(secret);
    expect(decryptField(encryptField("", aad, ringA), aad, ringA)).toBe("");
  });

  it("uses a fresh iv, so equal plaintexts give different envelopes", () => {
    expect(encryptField(secret, aad, ringA)).not.toBe(encryptField(secret, aad, ringA));
  });

  it("accepts the row id as a number or a string alike", () => {
    expect(decryptField(encryptField(secret, aad, ringA), { ...aad, rowId: "42" }, ringA)).toBe(secret);
  });

  it("refuses a tampered iv, ciphertext or tag", () => {
    const envelope = encryptField(secret, aad, ringA);
    for (const index of [2, 3, 4]) {
      expectDecryptionError(() => decryptField(tamper(envelope, index), aad, ringA), "authentication-failed");
    }
  });

  it("refuses a value copied to another row, column or table", () => {
    const envelope = encryptField(secret, aad, ringA);
    expectDecryptionError(() => decryptField(envelope, { ...aad, rowId: 43 }, ringA), "authentication-failed");
    expectDecryptionError(() => decryptField(envelope, { ...aad, column: "emergency_contact_enc" }, ringA), "authentication-failed");
    expectDecryptionError(() => decryptField(envelope, { ...aad, table: "submissions" }, ringA), "authentication-failed");
  });

  it("refuses an envelope under a key the ring does not hold, naming the key id", () => {
    const envelope = encryptField(secret, aad, ringA);
    expectDecryptionError(() => decryptField(envelope, aad, ringB), "unknown-key");
    expect((catchError(() => decryptField(envelope, aad, ringB)) as FieldDecryptionError).keyId).toBe("a");
  });

  it("refuses a key id rewritten to another key in the ring", () => {
    const forged = encryptField(secret, aad, ringA).replace(/^v1\.a\./, "v1.b.");
    expectDecryptionError(() => decryptField(forged, aad, ringBA), "authentication-failed");
  });

  it("refuses text that is not an envelope, including legacy plaintext", () => {
    for (const value of [secret, "", "v1.a.x.y", "v2.a.AAAAAAAAAAAAAAAA.AA.AAAAAAAAAAAAAAAAAAAAAA", "v1.a.short.AA.AAAAAAAAAAAAAAAAAAAAAA"]) {
      expectDecryptionError(() => decryptField(value, aad, ringA), "malformed");
    }
  });

  it("decrypts older keys still in the ring and reports which envelopes need rotation", () => {
    const old = encryptField(secret, aad, ringA);
    const current = encryptField(secret, aad, ringBA);
    expect(envelopeKeyId(old)).toBe("a");
    expect(envelopeKeyId(current)).toBe("b");
    expect(decryptField(old, aad, ringBA)).toBe(secret);
    expect(needsRotation(old, ringBA)).toBe(true);
    expect(needsRotation(current, ringBA)).toBe(false);
    expect(() => envelopeKeyId("plain text")).toThrow(FieldDecryptionError);
  });

  it("passes null through the nullable helpers", () => {
    expect(encryptNullable(null, aad, ringA)).toBeNull();
    expect(decryptNullable(undefined, aad, ringA)).toBeNull();
    expect(decryptNullable(encryptNullable(secret, aad, ringA), aad, ringA)).toBe(secret);
  });
});
