// A readable, script-free API reference rendered from the OpenAPI document.
type Operation = {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: { name: string; in: string; required?: boolean; schema?: unknown }[];
  requestBody?: { content: Record<string, { schema: unknown }> };
};
type Doc = { info: { title: string; description: string }; paths: Record<string, Record<string, Operation>> };

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function operationHtml(path: string, method: string, op: Operation): string {
  const params = (op.parameters ?? [])
    .map((p) => `<tr><td><code>${escape(p.name)}</code></td><td>${escape(p.in)}</td><td>${p.required ? "yes" : ""}</td><td><code>${escape(JSON.stringify(p.schema ?? {}))}</code></td></tr>`)
    .join("");
  const body = op.requestBody?.content["application/json"]?.schema;
  return `<section class="op" id="${escape(`${method}-${path}`)}">
  <h3><span class="m ${method}">${method.toUpperCase()}</span> <code>${escape(path)}</code></h3>
  <p>${escape(op.summary ?? "")}</p>${op.description ? `<p class="d">${escape(op.description)}</p>` : ""}
  ${params ? `<table><thead><tr><th>parameter</th><th>in</th><th>required</th><th>schema</th></tr></thead><tbody>${params}</tbody></table>` : ""}
  ${body ? `<details><summary>Request body (application/json)</summary><pre>${escape(JSON.stringify(body, null, 2))}</pre></details>` : ""}
</section>`;
}

export function renderApiReference(doc: Doc): string {
  const byTag = new Map<string, string[]>();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const tag = op.tags?.[0] ?? "api";
      byTag.set(tag, [...(byTag.get(tag) ?? []), operationHtml(path, method, op)]);
    }
  }
  const tags = [...byTag.keys()].sort();
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escape(doc.info.title)} reference</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#0f172a;background:#f8fafc}
header,main{max-width:1000px;margin:0 auto;padding:16px}
nav a{margin-right:10px}
.op{background:#fff;border:1px solid #e2e8f0;border-radius:10px;padding:12px 16px;margin:12px 0}
.m{display:inline-block;min-width:64px;text-align:center;border-radius:6px;padding:2px 6px;font-size:12px;color:#fff}
.get{background:#0369a1}.post{background:#047857}.put{background:#a16207}.patch{background:#7c3aed}.delete{background:#b91c1c}
table{border-collapse:collapse;font-size:13px;width:100%}td,th{border-bottom:1px solid #e2e8f0;padding:4px;text-align:left;vertical-align:top}
pre{background:#f1f5f9;padding:8px;border-radius:6px;overflow:auto;font-size:12px}.d{color:#475569}
@media (prefers-color-scheme:dark){body{background:#020617;color:#e2e8f0}.op{background:#0f172a;border-color:#1e293b}pre{background:#020617}}
</style></head><body>
<header><h1>${escape(doc.info.title)}</h1><p>${escape(doc.info.description)}</p>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1)</p>
<nav>${tags.map((t) => `<a href="#tag-${escape(t)}">${escape(t)}</a>`).join("")}</nav></header>
<main>${tags.map((t) => `<h2 id="tag-${escape(t)}">${escape(t)}</h2>${(byTag.get(t) ?? []).join("\n")}`).join("\n")}</main>
</body></html>`;
}
