// The browser's way to the REST API: JSON in and out, and an RFC 9457 problem+json answer turned
// into an ApiProblem whose detail is the server's own reason (shown as-is to the person), whose
// field issues sit beside the right inputs, and which keeps every issue and extension member.
export type Issue = { path: string; message: string };

export class ApiProblem extends Error {
  readonly status: number;
  /** The first message per field, for the inputs (issues of the request as a whole left out). */
  readonly fieldErrors: Record<string, string>;
  /** Every issue the server listed, including those of the request as a whole ("(root)"). */
  readonly issues: Issue[];
  /** The problem's extension members (e.g. `draft_id`, `used_by`, `reason`). */
  readonly extra: Record<string, unknown>;

  constructor(status: number, detail: string, issues: Issue[] = [], extra: Record<string, unknown> = {}) {
    super(detail);
    this.name = "ApiProblem";
    this.status = status;
    this.issues = issues;
    this.extra = extra;
    this.fieldErrors = {};
    for (const issue of issues) if (issue.path !== "(root)" && !(issue.path in this.fieldErrors)) this.fieldErrors[issue.path] = issue.message;
  }
}

type ProblemBody = { detail?: string; title?: string; errors?: { path?: string; message?: string }[] } & Record<string, unknown>;

async function problemOf(response: Response): Promise<ApiProblem> {
  const body = (await response.json().catch(() => ({}))) as ProblemBody;
  const { detail, title, errors, ...extra } = body;
  const issues = (errors ?? []).flatMap((e) => (e.message ? [{ path: e.path || "(root)", message: e.message }] : []));
  return new ApiProblem(response.status, detail ?? title ?? `HTTP ${response.status}`, issues, extra);
}

export type ApiRequest = {
  method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  body?: unknown;
  /** The row version read; a stale one is refused (412) instead of overwriting a newer change. */
  ifMatch?: number;
  /** Create only (If-None-Match: *): an existing resource is refused (412) instead of replaced. */
  createOnly?: boolean;
  signal?: AbortSignal;
};

export async function apiFetch<T>(url: string, request: ApiRequest = {}): Promise<T> {
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
