// Why a program could not be started: a refusal the caller can answer (404, 409, 422), not a crash.

export type ProgramInstantiationErrorCode =
  | "template_not_found"
  | "template_is_draft"
  | "template_invalid"
  | "onboardee_not_found"
  | "onboardee_inactive";

export class ProgramInstantiationError extends Error {
  override readonly name = "ProgramInstantiationError";

  constructor(
    readonly code: ProgramInstantiationErrorCode,
    message: string,
  ) {
    super(message);
  }
}
