// Encryption of single sensitive column values (AES-256-GCM) into self-describing text envelopes:
// `v1.<keyId>.<iv>.<ciphertext>.<tag>` (base64url parts), so the key that wrote a value is known
// when reading it and `keys:rotate` can find values still under an older key.
//
// The associated data binds each ciphertext to `${table}:${column}:${rowId}`: a value copied into
// another row or column fails authentication instead of decrypting there. The row id must therefore
// be known before encrypting. Services inserting a row either insert it first and then, in the same
// transaction, update the encrypted columns (`encryptField(v, { table: "users", column: "phone_enc",
// rowId: inserted.id })`), or reserve the id beforehand with `select nextval('users_id_seq')`.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { KEY_ID_PATTERN, type KeyRing, loadKeyRing } from "./keyring";

const VERSION = "v1";
const ALGORITHM = "aes-256-gcm";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface FieldAad {
  table: string;
  column: string;
  rowId: string | number;
}

export type FieldDecryptionReason = "malformed" | "unknown-key" | "authentication-failed";

/** A value that cannot be decrypted. The message names the field and row, never any value. */
export class FieldDecryptionError extends Error {
  override readonly name = "FieldDecryptionError";
  constructor(
    readonly reason: FieldDecryptionReason,
    readonly keyId: string | undefined,
    detail: string,
  ) {
    super(detail);
  }
}

interface Envelope {
  keyId: string;
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

function aadBytes(aad: FieldAad): Buffer {
  return Buffer.from(`${aad.table}:${aad.column}:${String(aad.rowId)}`, "utf8");
}

function describe(aad: FieldAad): string {
  return `${aad.table}.${aad.column} of row ${String(aad.rowId)}`;
}

function parseEnvelope(envelope: string, where: string): Envelope {
  const parts = envelope.split(".");
  const [version, keyId, iv, ciphertext, tag] = parts;
  if (
    parts.length !== 5 ||
    version !== VERSION ||
    keyId === undefined ||
    !KEY_ID_PATTERN.test(keyId) ||
    iv === undefined ||
    ciphertext === undefined ||
    tag === undefined ||
    ![iv, ciphertext, tag].every((part) => BASE64URL.test(part))
  ) {
    throw new FieldDecryptionError("malformed", undefined, `${where} is not a ${VERSION} encryption envelope`);
  }
  const decoded = {
    keyId,
    iv: Buffer.from(iv, "base64url"),
    ciphertext: Buffer.from(ciphertext, "base64url"),
    tag: Buffer.from(tag, "base64url"),
  };
  if (decoded.iv.length !== IV_BYTES || decoded.tag.length !== TAG_BYTES) {
    throw new FieldDecryptionError("malformed", keyId, `${where} has a malformed iv or tag`);
  }
  return decoded;
}

/** Encrypts one value under the ring's active key, bound to its table, column and row. */
export function encryptField(plaintext: string, aad: FieldAad, ring: KeyRing = loadKeyRing()): string {
  const { id, key } = ring.active;
  // A random 96-bit IV per value: GCM stays safe for far more values than one key will ever write.
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aadBytes(aad));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, id, iv.toString("base64url"), ciphertext.toString("base64url"), tag.toString("base64url")].join(".");
}

/** Decrypts an envelope written by encryptField for the same table, column and row. */
export function decryptField(envelope: string, aad: FieldAad, ring: KeyRing = loadKeyRing()): string {
  const where = describe(aad);
  const { keyId, iv, ciphertext, tag } = parseEnvelope(envelope, where);
  const entry = ring.byId(keyId);
  if (!entry) {
    throw new FieldDecryptionError("unknown-key", keyId, `${where} is encrypted under key "${keyId}", which is not in the key ring`);
  }
  const decipher = createDecipheriv(ALGORITHM, entry.key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(aadBytes(aad));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
  } catch {
    // GCM cannot tell tampering from a value that belongs to another row or column; both land here.
    throw new FieldDecryptionError(
      "authentication-failed",
      keyId,
      `${where} failed authentication (tampered, or copied from another row or column)`,
    );
  }
}

/** Null stays null, so optional columns read and write without a branch at every call site. */
export function encryptNullable(plaintext: string | null | undefined, aad: FieldAad, ring?: KeyRing): string | null {
  return plaintext == null ? null : encryptField(plaintext, aad, ring);
}

export function decryptNullable(envelope: string | null | undefined, aad: FieldAad, ring?: KeyRing): string | null {
  return envelope == null ? null : decryptField(envelope, aad, ring);
}

/** The id of the key an envelope was written under; throws FieldDecryptionError when malformed. */
export function envelopeKeyId(envelope: string): string {
  return parseEnvelope(envelope, "the value").keyId;
}

/** True when the envelope is not under the ring's active key, i.e. `keys:rotate` should rewrite it. */
export function needsRotation(envelope: string, ring: KeyRing = loadKeyRing()): boolean {
  return envelopeKeyId(envelope) !== ring.active.id;
}

/** The text every envelope under `keyId` starts with, for finding them in SQL. */
export function envelopePrefix(keyId: string): string {
  return `${VERSION}.${keyId}.`;
}
