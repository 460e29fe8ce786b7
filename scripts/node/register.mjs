// `node --import ./scripts/node/register.mjs`: TypeScript through tsx, and `server-only` allowed.
import { register } from "node:module";
import "tsx";

register("./server-only-hooks.mjs", import.meta.url);
