// Where the embedded default keeps its files: the PGlite folder and, beside it, generated local
// secrets (session secret, encryption key). One definition, so every piece agrees on the folder.
import path from "node:path";

type Env = Readonly<Record<string, string | undefined>>;

export function pgliteDir(env: Env = process.env): string {
  // Resolved at run time from the environment; the bundler must not trace it as a project path.
  return path.resolve(/* turbopackIgnore: true */ env.PGLITE_DIR ?? ".data/pglite");
}

/** The folder that holds the PGlite folder (`.data` by default). */
export function localDataDir(env: Env = process.env): string {
  return path.dirname(pgliteDir(env));
}
