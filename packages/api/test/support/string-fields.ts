// Where a schema takes text: every field path whose input may be a string, read from the zod schema's JSON Schema,
// so tests generated from it cover a field (or route, or procedure) the day it is added.
import { expect } from "vitest";
import { z } from "zod";

type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
};

/** Field paths (`["ccs", "0", "email"]`) of every string a client may send in `schema`'s input. */
export function stringFieldPaths(schema: z.ZodType): string[][] {
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  const found = new Map<string, string[]>();
  const visit = (node: JsonSchema, path: string[]) => {
    const types = Array.isArray(node.type) ? node.type : [node.type];
    const isString = types.includes("string") || typeof node.const === "string" || node.enum?.some((value) => typeof value === "string");
    if (isString && path.length > 0) found.set(path.join("."), path);
    for (const [key, child] of Object.entries(node.properties ?? {})) visit(child, [...path, key]);
    if (node.items) visit(node.items, [...path, "0"]);
    for (const branch of [...(node.anyOf ?? []), ...(node.oneOf ?? []), ...(node.allOf ?? [])]) visit(branch, path);
  };
  visit(json, []);
  return [...found.values()];
}

/** An input holding `value` at `path` and nothing else: arrays where the path has an index. */
export function inputWith(path: string[], value: unknown): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  let node: Record<string, unknown> | unknown[] = root;
  for (const [index, segment] of path.entries()) {
    const last = index === path.length - 1;
    const child = last ? value : /^\d+$/.test(path[index + 1] ?? "") ? [] : {};
    (node as Record<string, unknown>)[segment] = child;
    node = child as Record<string, unknown>;
  }
  return root;
}

/** Text PostgreSQL cannot store, each as a JSON client can send it. */
export const UNSTORABLE_SAMPLES = { NUL: "bad\u0000text", "lone surrogate": "bad\uD800text" } as const;

/** The contract's answer for such text at `field`: a 422 issue naming the character. */
export const unstorableIssue = { code: "INVALID", message: expect.stringMatching(/NUL character|unpaired UTF-16 surrogate/) };
