"use client";
// The organisation tree: each unit can be renamed, given a child unit, or deactivated, each
// action going through the REST API with the version the page was rendered at. The forms submit
// through onSubmit, not a form action, so a refused name stays in its field.
import { useTranslations } from "next-intl";
import { type SubmitEvent, useState } from "react";
import type { EntityTreeNode } from "@/lib/entities/entities";
import { Button, FormStatus, TextField, textOf } from "./form-controls";
import { useApiSubmit } from "./use-api-submit";

type Node = EntityTreeNode & { children: Node[] };

/** Nests the flat, path-ordered list; entities whose parent is not visible become top-level. */
function buildTree(flat: EntityTreeNode[]): Node[] {
  const byId = new Map<number, Node>(flat.map((e) => [e.id, { ...e, children: [] }]));
  const roots: Node[] = [];
  for (const node of byId.values()) {
    const parent = node.parent_id === null ? undefined : byId.get(node.parent_id);
    (parent ? parent.children : roots).push(node);
  }
  const sortDeep = (nodes: Node[]) => {
    nodes.sort((a, b) => a.name.localeCompare(b.name));
    nodes.forEach((n) => sortDeep(n.children));
  };
  sortDeep(roots);
  return roots;
}

type Mode = "idle" | "rename" | "add";

function EntityRow({ node, ownEntityId }: { node: Node; ownEntityId: number }) {
  const t = useTranslations("organisation");
  const forms = useTranslations("forms");
  const [mode, setMode] = useState<Mode>("idle");
  const { state, submit, fieldError, pending } = useApiSubmit();
  const headingId = `entity-${node.id}`;

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = textOf(new FormData(event.currentTarget), "name") ?? "";
    const ok =
      mode === "rename"
        ? await submit("PATCH", `/api/entities/${node.id}`, { body: { name, version: node.version }, successMessage: t("renamed") })
        : await submit("POST", "/api/entities", { body: { name, parent_id: node.id }, successMessage: t("added") });
    if (ok) setMode("idle");
  }
  function deactivate() {
    if (!window.confirm(t("confirmDeactivate", { name: node.name }))) return;
    void submit("DELETE", `/api/entities/${node.id}`, { ifMatch: node.version, successMessage: forms("deactivated") });
  }

  return (
    <li className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-lg border border-slate-200 bg-white px-3 py-2 dark:border-slate-800 dark:bg-slate-900">
        <span id={headingId} className={`font-medium ${node.is_active ? "" : "text-slate-500 line-through"}`}>
          {node.name}
        </span>
        <span className="text-xs text-slate-500 dark:text-slate-400">
          {t("activePeople", { count: node.active_users })}
          {node.is_active ? "" : ` · ${t("deactivated")}`}
        </span>
        {node.is_active ? (
          <span className="ml-auto flex flex-wrap gap-2" role="group" aria-labelledby={headingId}>
            <Button type="button" variant="secondary" onClick={() => setMode(mode === "rename" ? "idle" : "rename")}>
              {t("rename")}
            </Button>
            <Button type="button" variant="secondary" onClick={() => setMode(mode === "add" ? "idle" : "add")}>
              {t("addUnit")}
            </Button>
            {node.id === ownEntityId ? null : (
              <Button type="button" variant="danger" pending={pending} onClick={deactivate}>
                {forms("deactivate")}
              </Button>
            )}
          </span>
        ) : null}
      </div>
      {mode !== "idle" ? (
        <form
          // One form per mode, so switching between rename and add starts from that mode's default.
          key={mode}
          onSubmit={(event) => void onSubmit(event)}
          aria-label={mode === "rename" ? t("renameLabel", { name: node.name }) : t("addLabel", { name: node.name })}
          className="ml-4 flex flex-wrap items-end gap-2"
        >
          <div className="min-w-56">
            <TextField
              name="name"
              label={mode === "rename" ? t("newName") : t("unitName")}
              required
              maxLength={100}
              defaultValue={mode === "rename" ? node.name : ""}
              error={fieldError("name") ?? fieldError("parent_id")}
            />
          </div>
          <Button pending={pending}>{mode === "rename" ? forms("save") : t("add")}</Button>
          <Button type="button" variant="secondary" onClick={() => setMode("idle")}>
            {forms("cancel")}
          </Button>
        </form>
      ) : null}
      <div className="ml-4">
        <FormStatus state={state} />
      </div>
      {node.children.length > 0 ? (
        <ul className="ml-4 flex flex-col gap-2 border-l border-slate-200 pl-4 dark:border-slate-800" aria-label={t("unitsOf", { name: node.name })}>
          {node.children.map((child) => (
            <EntityRow key={child.id} node={child} ownEntityId={ownEntityId} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

export function EntityTree({ entities, ownEntityId }: { entities: EntityTreeNode[]; ownEntityId: number }) {
  const t = useTranslations("organisation");
  const roots = buildTree(entities);
  if (roots.length === 0) {
    return <p className="rounded-xl border border-dashed border-slate-300 p-8 text-center text-sm text-slate-600 dark:border-slate-700">{t("empty")}</p>;
  }
  return (
    <ul className="flex flex-col gap-2" aria-label={t("title")}>
      {roots.map((node) => (
        <EntityRow key={node.id} node={node} ownEntityId={ownEntityId} />
      ))}
    </ul>
  );
}
