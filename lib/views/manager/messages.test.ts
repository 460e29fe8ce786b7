// The manager pages' messages: German has every English key and nothing else, the area file holds
// only its own namespace, and the formulas printed beside the scores are the ones the scores use.
import { describe, expect, it } from "vitest";
import de from "../../../messages/de/manager.json";
import en from "../../../messages/en/manager.json";
import { SCORE_FORMULAS } from "../../scores/formulas";

const keys = (o: object, prefix = ""): string[] =>
  Object.entries(o).flatMap(([k, v]) => (typeof v === "object" && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));

describe("manager messages", () => {
  it("has every English message in German too, and nothing else, under the manager namespace only", () => {
    expect(keys(de).sort()).toEqual(keys(en).sort());
    expect(Object.keys(en)).toEqual(["manager"]);
    expect(Object.keys(de)).toEqual(["manager"]);
  });

  it("prints in English exactly the formulas the scores are computed by, and a German one for each", () => {
    expect(en.manager.formula).toEqual(SCORE_FORMULAS);
    expect(Object.keys(de.manager.formula).sort()).toEqual(Object.keys(SCORE_FORMULAS).sort());
    for (const text of Object.values(de.manager.formula)) expect(text.trim()).not.toBe("");
  });
});
