// Roles and named permissions: the one place that says who may do what.
// Entity scope (which rows) is lib/auth/scope.ts; this file answers "may this role do this at all".
import type { UserRole } from "../../db/schema";
import type { TokenScope } from "../../db/schema";

/** Each permission belongs to one token scope class: what an API token must carry to use it. */
export const PERMISSIONS = {
  "me:read": "read",
  "me:write": "write",
  "tokens:manage": "write",
  "guides:read": "read",
  "tasks:read": "read",
  "tasks:progress": "write",
  "requests:create": "write",
  "exams:take": "write",
  "users:read": "read",
  "entities:read": "read",
  "professions:read": "read",
  "templates:read": "read",
  "tasks:assign": "write",
  "onboarding:start": "write",
  "requests:decide": "write",
  "checklists:validate": "write",
  "submissions:review": "write",
  "reports:read": "read",
  "reports:write": "write",
  "scores:read": "read",
  "specializations:update": "write",
  "templates:write": "admin",
  "guides:write": "admin",
  "users:write": "admin",
  "entities:write": "admin",
  "professions:write": "admin",
  "audit:read": "admin",
  "sessions:revoke": "admin",
} as const satisfies Record<string, TokenScope>;

export type Permission = keyof typeof PERMISSIONS;

const EMPLOYEE: Permission[] = [
  "me:read",
  "me:write",
  "tokens:manage",
  "guides:read",
  "tasks:read",
  "tasks:progress",
  "requests:create",
  "exams:take",
  "professions:read",
  "specializations:update",
];

const MANAGER: Permission[] = [
  ...EMPLOYEE,
  "users:read",
  "entities:read",
  "templates:read",
  "tasks:assign",
  "onboarding:start",
  "requests:decide",
  "checklists:validate",
  "submissions:review",
  "reports:read",
  "reports:write",
  "scores:read",
];

const ADMIN: Permission[] = [
  ...MANAGER,
  "templates:write",
  "guides:write",
  "users:write",
  "entities:write",
  "professions:write",
  "audit:read",
  "sessions:revoke",
];

export const ROLE_PERMISSIONS: Record<UserRole, ReadonlySet<Permission>> = {
  employee: new Set(EMPLOYEE),
  manager: new Set(MANAGER),
  admin: new Set(ADMIN),
};

/** Scopes a token may carry; `admin` implies `write` implies `read`. */
export function scopeAllows(scopes: readonly TokenScope[], needed: TokenScope): boolean {
  if (scopes.includes("admin")) return true;
  if (needed === "read") return scopes.includes("read") || scopes.includes("write");
  if (needed === "write") return scopes.includes("write");
  return false;
}

export function roleAllows(role: UserRole, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}
