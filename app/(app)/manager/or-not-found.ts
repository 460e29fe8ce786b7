// A read a page shows: when the service answers 404 (a row outside the reader's scope, or none at
// all), the page is the not-found page, exactly as the API would answer.
import "server-only";
import { notFound } from "next/navigation";
import { ApiError } from "@/lib/api/errors";

export async function orNotFound<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) notFound();
    throw error;
  }
}
