// Password rules per OWASP ASVS L2: at least 8 characters, up to 64 allowed (any characters,
// no composition rules), and none of the ~49,000 most common passwords.
import { dictionary } from "@zxcvbn-ts/language-common";
import { z } from "zod";

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 64;

let common: ReadonlySet<string> | undefined;

function commonPasswords(): ReadonlySet<string> {
  common ??= new Set(dictionary["passwords-common"].map((p) => p.toLowerCase()));
  return common;
}

export function isCommonPassword(password: string): boolean {
  return commonPasswords().has(password.toLowerCase());
}

/** Length in Unicode code points, so a passphrase in any script is measured fairly. */
export function codePointLength(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

export const newPasswordSchema = z
  .string()
  .refine((p) => codePointLength(p) >= PASSWORD_MIN_LENGTH, { error: `Use at least ${PASSWORD_MIN_LENGTH} characters.` })
  .refine((p) => codePointLength(p) <= PASSWORD_MAX_LENGTH, { error: `Use at most ${PASSWORD_MAX_LENGTH} characters.` })
  .refine((p) => !isCommonPassword(p), { error: "This password is too common; choose another." });
