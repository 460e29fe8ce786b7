// Asserting that a service call is refused with a given ApiError code, shared by the test files.
import { expect } from "vitest";
import { ApiError } from "../lib/api/errors";

export async function expectApiError(promise: Promise<unknown>, code: ApiError["code"]): Promise<ApiError> {
  const error: unknown = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(ApiError);
  expect((error as ApiError).code).toBe(code);
  return error as ApiError;
}
