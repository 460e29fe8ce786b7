// The browser's way to the REST API: JSON in and out, and an RFC 9457 problem+json answer turned
// into an ApiProblem whose detail is the server's own reason (shown as-is to the person) and whose
// field issues sit beside the right inputs.
export class ApiProblem extends Error {
  readonly status: number;
  readonly fieldErrors: Record<string, string>;

  constructor(status: number, detail: string, fieldErrors: Record<string, string> = {}) {
    super(detail);
    this.name = "ApiProblem";
    this.status = status;
    this.fieldErrors = fieldErrors;
  }
}

type Problem = { detail?: string; title?: string; errors?: { path?: string; message?: string }[] };

async function problemOf(response: Response): Promise<ApiProblem> {
  const problem = (await response.json().catch(() => ({}))) as Problem;
  const fieldErrors: Record<string, string> = {};
  for (const issue of problem.errors ?? []) {
    if (issue.path && issue.message && issue.path !== "(root)" && !(issue.path in fieldErrors)) fieldErrors[issue.path] = issue.message;
  }
  return new ApiProblem(response.status, problem.detail ?? problem.title ?? `HTTP ${response.status}`, fieldErrors);
}

export type ApiRequest = { method?: "GET" | "POST" | "PATCH" | "DELETE"; body?: unknown; signal?: AbortSignal };

export async function apiFetch<T>(url: string, request: ApiRequest = {}): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (request.body !== undefined) headers["content-type"] = "application/json";
  let response: Response;
  try {
    response = await fetch(url, {
      method: request.method ?? "GET",
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      credentials: "same-origin",
      signal: request.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiProblem(0, "offline");
  }
  if (!response.ok) throw await problemOf(response);
  return (response.status === 204 ? null : await response.json()) as T;
}

/** A query string from the defined values only. */
export function queryString(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== "") search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : "";
}
