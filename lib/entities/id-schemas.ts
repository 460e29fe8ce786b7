// The small input schemas forms in the browser share with the API (ids, language tags): kept apart
// from validators.ts, whose password rule carries the common-password list, so a client form that
// only needs these does not ship that list.
import { z } from "zod";

/** PostgreSQL `integer`: a larger id would fail in SQL (22003) instead of reading as "unknown". */
export const MAX_ID = 2_147_483_647;

export const idSchema = z.number().int().positive().max(MAX_ID);

/** An id arriving as text (path segment or query string). */
export const idTextSchema = z
  .string()
  .regex(/^\d{1,10}$/, { error: "Expected a positive integer id." })
  .transform(Number)
  .pipe(idSchema);

export const idParamsSchema = z.object({ id: idTextSchema }).strict();

/** BCP 47 tag such as "en", "de" or "pt-BR"; whether the language exists is checked in the service. */
export const languageCodeSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/, { error: "Use a language tag such as en or pt-BR." })
  .max(35);
