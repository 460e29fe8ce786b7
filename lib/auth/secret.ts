// The secret that signs session tokens. Required with DATABASE_URL; the embedded default keeps a
// generated one beside its database so `npm start` works with no configuration.
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { localDataDir } from "../platform/local-data";

let cached: string | undefined;

export function authSecret(env: NodeJS.ProcessEnv = process.env): string {
  if (env === process.env && cached) return cached;
  const fromEnv = env.NEXTAUTH_SECRET;
  let secret: string;
  if (fromEnv) {
    if (fromEnv.length < 32) throw new Error("NEXTAUTH_SECRET must be at least 32 characters long.");
    secret = fromEnv;
  } else if (env.DATABASE_URL) {
    throw new Error("NEXTAUTH_SECRET is required when DATABASE_URL is set (generate one with `openssl rand -base64 48`).");
  } else {
    const dataDir = localDataDir(env);
    const file = path.join(dataDir, "auth-secret");
    if (existsSync(file)) {
      secret = readFileSync(file, "utf8").trim();
    } else {
      mkdirSync(dataDir, { recursive: true });
      secret = randomBytes(48).toString("base64url");
      writeFileSync(file, `${secret}\n`, { mode: 0o600 });
      chmodSync(file, 0o600);
    }
  }
  if (env === process.env) cached = secret;
  return secret;
}
