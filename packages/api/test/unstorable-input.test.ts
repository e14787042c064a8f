// CONTRACT section 4 on the console's door: every tRPC procedure, over HTTP, answers text PostgreSQL cannot store (NUL,
// lone UTF-16 surrogates) with a 422 at its field, never a 500. Generated from the router, so a new procedure or field
// is covered the day it is added.
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { issueSessionToken } from "@helpdesk/auth";
import { getDb, newId } from "@helpdesk/db";
import type { AnyProcedure } from "@trpc/server";
import { createHTTPServer } from "@trpc/server/adapters/standalone";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { appRouter, createContext } from "../src/index.ts";
import { inputWith, stringFieldPaths, UNSTORABLE_SAMPLES, unstorableIssue } from "./support/string-fields.ts";

const server = createHTTPServer({
  router: appRouter,
  basePath: "/trpc/",
  createContext: ({ req }) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
    return createContext({ db: getDb(), headers });
  },
});
let baseUrl = "";
let token = "";

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/trpc`;
  const admin = await getDb().user.create({
    data: { id: newId("usr"), email: `admin-${randomUUID()}@example.test`, name: "Admin", role: "admin", passwordHash: "unused" },
  });
  token = (await issueSessionToken({ userId: admin.id, sessionVersion: admin.sessionVersion })).token;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** One call as the console's links send it: plain JSON, queries and subscriptions in the URL. */
async function callOverHttp(path: string, type: string, input: unknown) {
  const wrapped = JSON.stringify(input);
  const url = type === "mutation" ? `${baseUrl}/${path}` : `${baseUrl}/${path}?input=${encodeURIComponent(wrapped)}`;
  const response = await fetch(url, {
    method: type === "mutation" ? "POST" : "GET",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: type === "mutation" ? wrapped : undefined,
    signal: AbortSignal.timeout(5_000),
  });
  return { status: response.status, text: await response.text() };
}

/** The error's data, from a JSON answer or from the error event of a subscription's stream (which answers 200). */
function errorData(text: string) {
  if (text.startsWith("{")) return JSON.parse(text).error?.data;
  const event = /^event: serialized-error\ndata: (.*)$/m.exec(text)?.[1];
  return event ? JSON.parse(event).data : undefined;
}

const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, AnyProcedure>).map(([path, procedure]) => ({
  path,
  type: procedure._def.type as string,
  inputs: procedure._def.inputs as z.ZodType[],
}));
const samples = Object.entries(UNSTORABLE_SAMPLES);

const fieldCases = procedures.flatMap(({ path, type, inputs }) => {
  const fields = new Map(inputs.flatMap(stringFieldPaths).map((field) => [field.join("."), field]));
  return [...fields.values()].flatMap((field) => samples.map(([sample, text]) => ({ path, type, field, text, name: `${path}: ${sample} in ${field.join(".")}` })));
});

function expectRefusedAt(answer: { status: number; text: string }, field: string) {
  const data = errorData(answer.text);
  expect(data?.appCode, answer.text).toBe("VALIDATION_ERROR");
  expect(data.details).toEqual({ [field]: [unstorableIssue] });
  if (answer.text.startsWith("{")) expect(answer.status).toBe(422);
}

describe("every procedure's string fields", () => {
  it("are found for the procedures that take them", () => {
    expect(fieldCases.map((c) => `${c.path} ${c.field.join(".")}`)).toEqual(
      expect.arrayContaining(["message.create content", "message.create ccs.0.email", "ticket.update subject", "ticket.list q", "user.update name"]),
    );
  });

  it.each(fieldCases)("$name is a 422 at that field", async ({ path, type, field, text }) => {
    expectRefusedAt(await callOverHttp(path, type, inputWith(field, text)), field.join("."));
  });
});

describe("every procedure, whatever input it declares", () => {
  const cases = procedures.flatMap(({ path, type }) => samples.map(([sample, text]) => ({ path, type, text, name: `${path}: ${sample}` })));

  it.each(cases)("$name in an extra field, or in a field name, is a 422", async ({ path, type, text }) => {
    expectRefusedAt(await callOverHttp(path, type, { extra: text }), "extra");
    const keyed = await callOverHttp(path, type, { [`k${text}`]: 1 });
    expect(Object.keys(errorData(keyed.text)?.details ?? {})).toEqual(["kbad\uFFFDtext"]);
  });
});
