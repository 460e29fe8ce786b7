// The password policy and argon2id parameters are what OWASP ASVS L2 asks for.
import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password";
import { newPasswordSchema, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./password-policy";

describe("password policy (newPasswordSchema)", () => {
  const accepts = (password: string) => newPasswordSchema.safeParse(password).success;

  it(`refuses ${PASSWORD_MIN_LENGTH - 1} characters and accepts ${PASSWORD_MIN_LENGTH}`, () => {
    expect(PASSWORD_MIN_LENGTH).toBe(8);
    expect(accepts("vK3#mQz")).toBe(false);
    expect(accepts("vK3#mQzp")).toBe(true);
  });

  it(`accepts ${PASSWORD_MAX_LENGTH} characters and refuses ${PASSWORD_MAX_LENGTH + 1}`, () => {
    expect(PASSWORD_MAX_LENGTH).toBe(64);
    const long = "plum-harbour-violet-engine-".repeat(3).slice(0, 64);
    expect(long).toHaveLength(64);
    expect(accepts(long)).toBe(true);
    expect(accepts(`${long}x`)).toBe(false);
  });

  it("refuses common passwords, in any case", () => {
    expect(accepts("password123")).toBe(false);
    expect(accepts("qwertyuiop")).toBe(false);
    expect(accepts("QwertyUiop")).toBe(false);
  });

  it("accepts a long unicode passphrase, counting code points rather than UTF-16 units", () => {
    const passphrase = "Müde Fußgänger überqueren die Brücke 🌉 日本語の文も 🙂";
    expect(Array.from(passphrase).length).toBeLessThanOrEqual(64);
    expect(accepts(passphrase)).toBe(true);

    // 64 astral characters are 128 UTF-16 units but 64 code points: accepted; 65 are refused.
    const astral = "🐴🔋📎🦆".repeat(16);
    expect(astral.length).toBe(128);
    expect(accepts(astral)).toBe(true);
    expect(accepts(`${astral}🦆`)).toBe(false);
    // 7 astral characters are 14 UTF-16 units but only 7 code points: too short.
    expect(accepts("🐴🔋📎🦆🐴🔋📎")).toBe(false);
  });
});

describe("hashPassword", () => {
  it("stores argon2id with OWASP's parameters (19 MiB, t=2, p=1)", async () => {
    const hash = await hashPassword("vK3#mQzp");
    expect(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$")).toBe(true);
    expect(await verifyPassword(hash, "vK3#mQzp")).toBe(true);
    expect(await verifyPassword(hash, "vK3#mQzP")).toBe(false);
  });
});
