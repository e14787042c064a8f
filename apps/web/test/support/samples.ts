// A valid input for a zod schema, built from the schema itself: enough for a request to pass validation and meet
// the role check (and usually the business rules), so the authorization matrix tests roles, not typos.
import { z } from "zod";

type Def = Record<string, unknown> & { type: string };
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Values to try for a field by its name (ids of real records, a real email and password); they win when valid. */
export type KnownValues = Record<string, unknown>;

const STRING_CANDIDATES = ["Sample text", "casey@example.com", "sample-tag", "a long enough sample password"];

export function sampleFor(schema: z.ZodType, known: KnownValues = {}, key = ""): unknown {
  const def = defOf(schema);
  const valid = (value: unknown) => schema.safeParse(value).success;
  if (key in known && valid(known[key])) return known[key];
  switch (def.type) {
    case "object": {
      const shape = (schema as unknown as { shape: Record<string, z.ZodType> }).shape;
      const entries = Object.entries(shape).map(([field, fieldSchema]) => [field, sampleFor(fieldSchema, known, field)]);
      return Object.fromEntries(entries.filter(([, value]) => value !== undefined));
    }
    case "optional":
    case "nullable":
    case "default":
    case "readonly":
      return sampleFor(def.innerType as z.ZodType, known, key);
    case "pipe":
      return sampleFor(def.in as z.ZodType, known, key);
    case "union":
      return (def.options as z.ZodType[]).map((option) => sampleFor(option, known, key)).find(valid);
    case "intersection":
      return { ...(sampleFor(def.left as z.ZodType, known) as object), ...(sampleFor(def.right as z.ZodType, known) as object) };
    case "enum":
      return Object.values(def.entries as object)[0];
    case "literal":
      return (def.values as unknown[])[0];
    case "array": {
      const one = [sampleFor(def.element as z.ZodType, known, key)];
      return valid(one) ? one : [];
    }
    // false first: `is_forward: true` needs recipients, `send_email: false` queues no mail.
    case "boolean":
      return false;
    case "number":
      return [1, 0].find(valid);
    case "string": {
      const examples = z.globalRegistry.get(schema)?.examples;
      return [...(Array.isArray(examples) ? examples : []), ...STRING_CANDIDATES].find(valid);
    }
    default:
      return undefined;
  }
}
