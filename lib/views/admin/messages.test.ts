// The admin area's messages (messages/<locale>/admin.json): German has every English key, each
// message names the same placeholders in both languages, and the file holds only its namespaces.
import { describe, expect, it } from "vitest";
import de from "../../../messages/de/admin.json";
import en from "../../../messages/en/admin.json";

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === "string") out.set(prefix + key, value);
    else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

/** The ICU arguments a message uses: {name}, {name, plural, …}; not the branches of a plural ("one {Step}"). */
const placeholders = (message: string) =>
  [...new Set([...message.matchAll(/(?<!(?:\b(?:zero|one|two|few|many|other)|=\d+)\s*)\{\s*([a-zA-Z]+)\s*[,}]/g)].map((m) => m[1]))].sort();

describe("messages/<locale>/admin.json", () => {
  const english = flatten(en);
  const german = flatten(de);

  it("holds the same keys in English and German", () => {
    expect([...german.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it("uses the same placeholders in both languages", () => {
    for (const [key, message] of english) expect(placeholders(german.get(key) ?? ""), key).toEqual(placeholders(message));
  });

  it("holds only the admin area's namespaces", () => {
    expect(Object.keys(en).sort()).toEqual(["adminGuides", "adminTemplates"]);
    expect(Object.keys(de).sort()).toEqual(["adminGuides", "adminTemplates"]);
  });
});
