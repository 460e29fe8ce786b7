// Which weights blend an entity's progress score and where its Advanced threshold lies: the
// entity's own weights, else the nearest ancestor's, else DEFAULT_SCORE_WEIGHTS.
// No `import "server-only"`: the rebuild command and the seed read these too.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { preparedSql } from "../../db/prepared";
import type { ScoreWeights } from "../../db/schema";
import { scoreWeightsSchema } from "../entities/validators";
import { DEFAULT_SCORE_WEIGHTS } from "./formulas";

export type EntityScoring = {
  entityId: number;
  weights: ScoreWeights;
  /** The entity whose weights apply; null when the defaults apply. */
  weightsFrom: number | null;
  advancedThreshold: number;
};

/** Stored weights that do not parse (hand-edited JSON) count as unset rather than breaking every read. */
function parsedWeights(value: unknown): ScoreWeights | null {
  const parsed = scoreWeightsSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** Scoring settings per entity id; ids that do not exist are absent from the map. */
export async function scoringOfEntities(tx: DbOrTx, entityIds: readonly number[]): Promise<Map<number, EntityScoring>> {
  const ids = [...new Set(entityIds)];
  if (ids.length === 0) return new Map();
  // Every entity on the path, nearest first: the first whose weights parse wins.
  // Read with every score and specialization: a prepared statement (db/prepared.ts).
  const rows = await preparedSql<{ id: number; threshold: string | number; ancestor_id: number | null; weights: unknown }>(
    tx,
    "entity_scoring",
    () => sql`select e.id, e.advanced_threshold as threshold, a.id as ancestor_id, a.score_weights as weights
        from entities e
        left join entities a on a.id = any (string_to_array(trim(both '/' from e.path), '/')::int[]) and a.score_weights is not null
        where e.id = any(${sql.placeholder("ids")})
        order by e.id, length(a.path) desc nulls last`,
  ).execute({ ids });
  const result = new Map<number, EntityScoring>();
  for (const row of rows) {
    const known = result.get(row.id);
    if (known && known.weightsFrom !== null) continue;
    const weights = row.ancestor_id === null ? null : parsedWeights(row.weights);
    result.set(row.id, {
      entityId: row.id,
      weights: weights ?? DEFAULT_SCORE_WEIGHTS,
      weightsFrom: weights ? row.ancestor_id : null,
      advancedThreshold: Number(row.threshold),
    });
  }
  return result;
}

export async function scoringOfEntity(tx: DbOrTx, entityId: number): Promise<EntityScoring> {
  const scoring = (await scoringOfEntities(tx, [entityId])).get(entityId);
  if (!scoring) throw new Error(`entity ${entityId} does not exist`);
  return scoring;
}
