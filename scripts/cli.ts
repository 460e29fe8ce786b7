// npm run -s cli -- <command> [options]: operational commands (tokens, keys, audit).
import { auditVerify } from "./commands/audit-verify";
import { keysGenerate, keysRotate } from "./commands/keys";
import { scoresRebuild } from "./commands/scores-rebuild";
import { tokenCreate } from "./commands/token";

const COMMANDS: Record<string, { run: (args: string[]) => Promise<number>; help: string }> = {
  "token:create": { run: tokenCreate, help: "--email <email> --name <name> [--scopes read,write,admin] [--expires-days N]  create an API token (printed as the last line)" },
  "keys:generate": { run: keysGenerate, help: "print a new encryption key entry for GROUNDWORK_ENCRYPTION_KEYS" },
  "keys:rotate": { run: keysRotate, help: "re-encrypt every encrypted field under the newest key" },
  "audit:verify": { run: auditVerify, help: "check the audit log hash chain and name the first broken row" },
  "scores:rebuild": { run: scoresRebuild, help: "[--user N]...  recompute user_scores from the rows and re-evaluate specializations" },
};

const [name, ...args] = process.argv.slice(2);
const command = name ? COMMANDS[name] : undefined;
if (!command) {
  console.error(name ? `unknown command: ${name}\n` : "");
  console.error("usage: npm run -s cli -- <command> [options]\n");
  for (const [commandName, { help }] of Object.entries(COMMANDS)) console.error(`  ${commandName.padEnd(14)} ${help}`);
  process.exit(name ? 2 : 0);
}
process.exitCode = await command.run(args);
