import { describe, expect, it } from "vitest";
import { isStorableText, storableText, unstorableDetails } from "../src/index.ts";

const NUL = "\u0000";
const HIGH = "\uD800";
const LOW = "\uDC00";

describe("storableText", () => {
  it("drops NUL and turns a lone surrogate into U+FFFD, leaving pairs and other characters alone", () => {
    expect(storableText(`a${NUL}b${HIGH}c🎫\t`)).toBe("ab\uFFFDc🎫\t");
    expect(isStorableText(storableText(`${LOW}${NUL}${HIGH}`))).toBe(true);
  });
});

describe("isStorableText", () => {
  it.each([
    ["plain text", "Hello"],
    ["a surrogate pair (emoji)", "ticket 🎫"],
    ["U+FFFD itself", "\uFFFD"],
    ["other control characters", "a\tb\u0001c\u007f"],
    ["the empty string", ""],
  ])("accepts %s", (_name, text) => {
    expect(isStorableText(text)).toBe(true);
  });

  it.each([
    ["NUL", `a${NUL}b`],
    ["a lone high surrogate", `a${HIGH}`],
    ["a lone low surrogate", `${LOW}b`],
    ["a reversed pair", `${LOW}${HIGH}`],
    ["an emoji cut in half", "🎫".slice(0, 1)],
  ])("refuses %s", (_name, text) => {
    expect(isStorableText(text)).toBe(false);
  });
});

describe("unstorableDetails", () => {
  it("is empty for storable input of any shape", () => {
    expect(unstorableDetails({ subject: "Hi 🎫", tags: ["a"], n: 1, ok: true, nothing: null, when: new Date() })).toEqual({});
    expect(unstorableDetails(undefined)).toEqual({});
  });

  it("names each field as the contract does, at any depth", () => {
    const details = unstorableDetails({
      subject: `bad${NUL}`,
      ticket_update: { status: `open${HIGH}` },
      ccs: [{ email: "a@example.com" }, { email: "b@example.com" }, { email: "c@example.com" }, { email: `d${NUL}@example.com` }],
      tags: ["fine", `x${LOW}`],
    });
    expect(Object.keys(details).sort()).toEqual(["ccs.3.email", "subject", "tags.1", "ticket_update.status"]);
    expect(details.subject).toEqual([{ code: "INVALID", message: "Must not contain the NUL character (U+0000)." }]);
    expect(details["ticket_update.status"]?.[0]?.message).toMatch(/unpaired UTF-16 surrogate/);
  });

  it("names a bad object key with its bad characters shown as U+FFFD", () => {
    const details = unstorableDetails({ ticket_update: { [`st${NUL}atus`]: "open" } });
    expect(details).toEqual({
      "ticket_update.st\uFFFDatus": [{ code: "INVALID", message: "The field name must not contain the NUL character (U+0000)." }],
    });
  });

  it("calls a bad string given as the whole input `body`", () => {
    expect(Object.keys(unstorableDetails(NUL))).toEqual(["body"]);
  });

  it("walks very deep nesting without recursion", () => {
    const depth = 200_000;
    const json = `${"[".repeat(depth)}"\\u0000"${"]".repeat(depth)}`;
    const details = unstorableDetails(JSON.parse(json));
    expect(Object.keys(details)).toHaveLength(1);
    expect(Object.keys(details)[0]?.split(".")).toHaveLength(depth);
  });

  it("survives a cycle and ignores non-plain objects (streams, class instances)", () => {
    const cyclic: Record<string, unknown> = { name: NUL };
    cyclic.self = cyclic;
    expect(Object.keys(unstorableDetails(cyclic))).toEqual(["name"]);
    class Holder {
      text = NUL;
    }
    expect(unstorableDetails({ body: new Holder() })).toEqual({});
  });
});
