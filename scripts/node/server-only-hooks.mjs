// Node resolve hook for processes outside Next (the custom server, the CLI, seeds): `server-only`
// guards service modules against client bundles; here every module is server code, so it
// resolves to the package's own empty react-server entry.
export async function resolve(specifier, context, nextResolve) {
  if (specifier === "server-only") return nextResolve(specifier, { ...context, conditions: [...context.conditions, "react-server"] });
  return nextResolve(specifier, context);
}
