// The admin builders' way to the REST API. Beyond the shared fetch wrapper they need PUT (ordered
// link lists, translations), the row version as If-Match, create-only PUTs (If-None-Match: *) and
// the whole problem answer: every issue of a refused publish and members such as `draft_id`.
import { ApiProblem } from "@/components/query/api";

export type Issue = { path: string; message: string };

export class AdminProblem extends ApiProblem {
  /** Every issue the server listed, including those of the request as a whole ("(root)"). */
  readonly issues: Issue[];
  /** The problem's extension members (e.g. `draft_id`, `used_by`, `cycle`). */
  readonly extra: Record<string, unknown>;

  constructor(status: number, detail: string, issues: Issue[] = [], extra: Record<string, unknown> = {}) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of issues) if (issue.path !== "(root)" && !(issue.path in fieldErrors)) fieldErrors[issue.path] = issue.message;
    super(status, detail, fieldErrors);
    this.name = "AdminProblem";
    this.issues = issues;
    this.extra = extra;
  }
}

export type AdminRequest = {
  method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  body?: unknown;
  /** The row version read; a stale one is refused (412) instead of overwriting a newer change. */
  ifMatch?: number;
  /** Create only: an existing resource is refused (412) instead of replaced. */
  createOnly?: boolean;
  signal?: AbortSignal;
};

type ProblemBody = { detail?: string; title?: string; errors?: { path?: string; message?: string }[] } & Record<string, unknown>;

async function problemOf(response: Response): Promise<AdminProblem> {
  const body = (await response.json().catch(() => ({}))) as ProblemBody;
  const { detail, title, errors, ...extra } = body;
  const issues = (errors ?? []).flatMap((e) => (e.message ? [{ path: e.path ?? "(root)", message: e.message }] : []));
  return new AdminProblem(response.status, detail ?? title ?? `HTTP ${response.status}`, issues, extra);
}

export async function adminFetch<T>(url: string, request: AdminRequest = {}): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (request.body !== undefined) headers["content-type"] = "application/json";
  if (request.ifMatch !== undefined) headers["if-match"] = `"${request.ifMatch}"`;
  if (request.createOnly) headers["if-none-match"] = "*";
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
    throw new AdminProblem(0, "offline");
  }
  if (!response.ok) throw await problemOf(response);
  return (response.status === 204 ? null : await response.json()) as T;
}

/** The problem's issues, or its field errors when it is a plain ApiProblem. */
export function issuesOf(error: unknown): Issue[] {
  if (error instanceof AdminProblem) return error.issues;
  if (error instanceof ApiProblem) return Object.entries(error.fieldErrors).map(([path, message]) => ({ path, message }));
  return [];
}
