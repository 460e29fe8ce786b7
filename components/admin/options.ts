// Select options built from service DTOs: entities indented by depth, people and professions by name.
// Role names come from the caller, in the reader's language.
import type { UserRole } from "@/db/schema/entities";
import type { EntityDto } from "@/lib/entities/entities";
import type { ProfessionDto } from "@/lib/entities/professions";
import type { UserDto } from "@/lib/entities/user-record";
import type { Option } from "./form-controls";

/** Depth below the shallowest entity shown, from the materialised path ("/1/4/9/" is two below "/1/"). */
export function entityOptions(tree: Pick<EntityDto, "id" | "name" | "path" | "is_active">[], activeOnly = true): Option[] {
  const depthOf = (path: string) => path.split("/").length - 2;
  const top = Math.min(...tree.map((e) => depthOf(e.path)));
  return tree
    .filter((e) => !activeOnly || e.is_active)
    .map((e) => ({ value: String(e.id), label: `${"\u00a0\u00a0".repeat(Math.max(depthOf(e.path) - top, 0))}${e.name}` }));
}

export type RoleLabel = (role: UserRole) => string;

export function peopleOptions(users: Pick<UserDto, "id" | "name" | "role">[], roleLabel: RoleLabel): Option[] {
  return [...users]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((u) => ({ value: String(u.id), label: `${u.name} (${roleLabel(u.role)})` }));
}

export function professionOptions(professions: Pick<ProfessionDto, "id" | "name" | "is_active">[]): Option[] {
  return professions
    .filter((p) => p.is_active)
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((p) => ({ value: String(p.id), label: p.name }));
}

const ROLE_ORDER: UserRole[] = ["employee", "manager", "admin"];

/** Roles up to the principal's own: the form never offers what the server would refuse. */
export function roleOptions(own: UserRole, roleLabel: RoleLabel): Option[] {
  return ROLE_ORDER.slice(0, ROLE_ORDER.indexOf(own) + 1).map((role) => ({ value: role, label: roleLabel(role) }));
}
