// What the user forms offer: entities, managers and professions the admin may assign, and languages.
import "server-only";
import { getTranslations } from "next-intl/server";
import type { Db } from "@/db";
import type { UserFormOptions } from "@/components/admin/user-form-fields";
import { entityOptions, peopleOptions, professionOptions, roleOptions } from "@/components/admin/options";
import type { Principal } from "@/lib/auth/principal";
import { entityTree } from "@/lib/entities/entities";
import { listProfessions } from "@/lib/entities/professions";
import { listLanguages } from "@/lib/entities/rules";
import { listUsers } from "@/lib/entities/users";

export async function loadUserFormOptions(db: Db, principal: Principal): Promise<UserFormOptions> {
  const roleLabel = await getTranslations("nav.roles");
  const [tree, managers, admins, professions, languages] = await Promise.all([
    entityTree(db, principal),
    listUsers(db, principal, { role: "manager", is_active: true, limit: 100 }),
    listUsers(db, principal, { role: "admin", is_active: true, limit: 100 }),
    listProfessions(db, principal, { is_active: true, limit: 100 }),
    listLanguages(db),
  ]);
  return {
    roles: roleOptions(principal.role, roleLabel),
    entities: entityOptions(tree),
    managers: peopleOptions([...managers.items, ...admins.items], roleLabel),
    professions: professionOptions(professions.items),
    languages: languages.map((l) => ({ value: l.code, label: `${l.name} (${l.code})` })),
  };
}
