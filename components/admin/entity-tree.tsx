"use client";
// The organisation tree: each unit can be renamed, given a child unit, or deactivated, each
// action going through the REST API with the version the page was rendered at.
import { useState } from "react";
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
  const [mode, setMode] = useState<Mode>("idle");
  const { state, submit, fieldError, pending } = useApiSubmit();
  const headingId = `entity-${node.id}`;

  async function rename(form: FormData) {
    const ok = await submit("PATCH", `/api/entities/${node.id}`, { body: { name: textOf(form, "name") ?? "", version: node.version }, successMessage: "Renamed." });
    if (ok) setMode("idle");
  }
  async function addChild(form: FormData) {
    const ok = await submit("POST", "/api/entities", { body: { name: textOf(form, "name") ?? "", parent_id: node.id }, successMessage: "Unit added." });
    if (ok) setMode("idle");
  }
  function deactivate() {
    if (!window.confirm(`Deactivate “${node.name}”? It must have no active people or units left.`)) return;
    void submit("DELETE", `/api/entities/${node.id}`, { ifMatch: node.version, successMessage: "Deactivated." });
  }

  return (
    <li className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-lg border border-slate-200 bg-white px-3 py-2 dark:border-slate-800 dark:bg-slate-900">
        <span id={headingId} className={`font-medium ${node.is_active ? "" : "text-slate-500 line-through"}`}>
          {node.name}
        </span>
        <span className="text-xs text-slate-500 dark:text-slate-400">
          {node.active_users} active {node.active_users === 1 ? "person" : "people"}
          {node.is_active ? "" : " · deactivated"}
        </span>
        {node.is_active ? (
          <span className="ml-auto flex flex-wrap gap-2" role="group" aria-labelledby={headingId}>
            <Button type="button" variant="secondary" onClick={() => setMode(mode === "rename" ? "idle" : "rename")}>
              Rename
            </Button>
            <Button type="button" variant="secondary" onClick={() => setMode(mode === "add" ? "idle" : "add")}>
              Add unit
            </Button>
            {node.id === ownEntityId ? null : (
              <Button type="button" variant="danger" pending={pending} onClick={deactivate}>
                Deactivate
              </Button>
            )}
          </span>
        ) : null}
      </div>
      {mode !== "idle" ? (
        <form
          action={mode === "rename" ? rename : addChild}
          aria-label={mode === "rename" ? `Rename ${node.name}` : `Add a unit below ${node.name}`}
          className="ml-4 flex flex-wrap items-end gap-2"
        >
          <div className="min-w-56">
            <TextField
              name="name"
              label={mode === "rename" ? "New name" : "Name of the new unit"}
              required
              maxLength={100}
              defaultValue={mode === "rename" ? node.name : ""}
              error={fieldError("name") ?? fieldError("parent_id")}
            />
          </div>
          <Button pending={pending}>{mode === "rename" ? "Save" : "Add"}</Button>
          <Button type="button" variant="secondary" onClick={() => setMode("idle")}>
            Cancel
          </Button>
        </form>
      ) : null}
      <div className="ml-4">
        <FormStatus state={state} />
      </div>
      {node.children.length > 0 ? (
        <ul className="ml-4 flex flex-col gap-2 border-l border-slate-200 pl-4 dark:border-slate-800" aria-label={`Units of ${node.name}`}>
          {node.children.map((child) => (
            <EntityRow key={child.id} node={child} ownEntityId={ownEntityId} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

export function EntityTree({ entities, ownEntityId }: { entities: EntityTreeNode[]; ownEntityId: number }) {
  const roots = buildTree(entities);
  if (roots.length === 0) {
    return <p className="rounded-xl border border-dashed border-slate-300 p-8 text-center text-sm text-slate-600 dark:border-slate-700">No entities yet.</p>;
  }
  return (
    <ul className="flex flex-col gap-2" aria-label="Organisation">
      {roots.map((node) => (
        <EntityRow key={node.id} node={node} ownEntityId={ownEntityId} />
      ))}
    </ul>
  );
}
