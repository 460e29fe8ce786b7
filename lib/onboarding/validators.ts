// Input schema of POST /api/onboarding/start (the specification's flow step "initiate_onboarding").
import { z } from "zod";
import { idSchema } from "../entities/validators";

export const onboardingStartSchema = z
  .object({
    user_id: idSchema,
    /** Defaults to the published program of the user's profession. */
    project_template_id: idSchema.optional(),
  })
  .strict();

export type OnboardingStartInput = z.infer<typeof onboardingStartSchema>;
