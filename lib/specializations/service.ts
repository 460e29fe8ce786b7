// Specializations over the API: re-evaluate a person's levels (seed 4, unlock_specializations:
// POST /api/specializations/update {user_id, progress_data}) and read them with what the next level
// needs. Unlocking reads the database only; numbers a client sends are never evidence.
import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client";
import { users } from "../../db/schema";
import { notFound } from "../api/errors";
import { authorize } from "../api/handler";
import { withAudit } from "../audit/context";
import { auditContextOf, type Principal } from "../auth/principal";
import { visibleUsers } from "../auth/scope";
import { evaluateSpecializations, type LevelStanding, type SpecializationStanding, standingsOf } from "./evaluate";
import type { SpecializationUpdateInput } from "./validators";

export type SpecializationUpdateAnswer = SpecializationStanding & {
  newly_unlocked: LevelStanding[];
  progress_data: { reevaluated: true; notes_stored: boolean; ignored_fields: string[]; message: string };
};

const ACCEPTED_FIELDS = new Set(["reevaluate", "notes"]);

/**
 * Re-evaluates the user's levels from the database and unlocks what is met. Employees may ask for
 * themselves only (anyone else is a 404); managers and admins for anyone in their scope. Notes are
 * stored on the levels this call unlocks.
 */
export async function updateSpecializations(db: Db, principal: Principal, input: SpecializationUpdateInput): Promise<SpecializationUpdateAnswer> {
  authorize(principal, "specializations:update");
  const ignored = Object.keys(input.progress_data).filter((key) => !ACCEPTED_FIELDS.has(key)).sort();
  const notes = input.progress_data.notes ?? null;
  return withAudit(db, auditContextOf(principal), async (tx) => {
    await assertVisible(tx, principal, input.user_id);
    const standing = (await evaluateSpecializations(tx, [input.user_id], { actorId: principal.userId, notes })).get(input.user_id);
    if (!standing) throw notFound("user");
    const newlyUnlocked = standing.levels.filter((l) => l.newly_unlocked);
    return {
      ...standing,
      newly_unlocked: newlyUnlocked,
      progress_data: {
        reevaluated: true,
        notes_stored: notes !== null && newlyUnlocked.length > 0,
        ignored_fields: ignored,
        message: progressDataMessage(ignored, notes !== null, newlyUnlocked.length),
      },
    };
  });
}

function progressDataMessage(ignored: string[], hasNotes: boolean, unlocked: number): string {
  const parts = ["Levels were re-evaluated from the database (completed projects, passed milestone tests, progress)."];
  if (ignored.length) parts.push(`Client-supplied values are never evidence: ${ignored.join(", ")} ${ignored.length === 1 ? "was" : "were"} ignored.`);
  if (hasNotes) parts.push(unlocked ? "The notes were stored with the levels unlocked now." : "No level unlocked, so the notes were not stored.");
  return parts.join(" ");
}

/** A person's levels, with the evidence of each unlocked one and what the next level still needs. */
export async function getUserSpecializations(db: DbOrTx, principal: Principal, params: { userId: number }): Promise<SpecializationStanding> {
  if (params.userId !== principal.userId) {
    if (principal.role === "employee") throw notFound("user");
    authorize(principal, "scores:read");
  }
  await assertVisible(db, principal, params.userId);
  const standing = (await standingsOf(db, [params.userId])).get(params.userId);
  if (!standing) throw notFound("user");
  return standing;
}

async function assertVisible(db: DbOrTx, principal: Principal, userId: number): Promise<void> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, userId), visibleUsers(principal)));
  if (!row) throw notFound("user");
}
