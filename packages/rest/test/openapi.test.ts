// CONTRACT §6 "Docs": GET /openapi.json, an OpenAPI 3.1 document generated from the route table and the zod schemas.
import { validate } from "@readme/openapi-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { routes } from "../src/routes.ts";
import { call, useApi } from "./support/api.ts";

const { api } = useApi();
let doc: any;
beforeAll(async () => {
  const response = await call(api, "GET", "/openapi.json");
  expect(response.status).toBe(200);
  doc = response.body;
});

const BASE = "/helpdesk/api";
const operation = (method: string, path: string) => doc.paths[BASE + path]?.[method];
/** Follows one local `$ref`, as a client reading the document would. */
const resolve = (schema: any) => (schema?.$ref ? doc.components.schemas[schema.$ref.split("/").pop()] : schema);
const jsonSchema = (content: any) => resolve(content?.["application/json"]?.schema);

describe("GET /openapi.json", () => {
  it("is public and JSON, even with a bad token, and carries the usual headers", async () => {
    const response = await call(api, "GET", "/openapi.json", { token: "not-a-token" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("x-request-id")).toBeTruthy();
    expect(response.headers.get("x-ratelimit-limit")).toBe("400");
  });

  it("is a valid OpenAPI 3.1 document", async () => {
    expect(doc.openapi).toMatch(/^3\.1/);
    // validate() dereferences in place, so hand it a copy.
    const result = await validate(structuredClone(doc));
    expect(result.valid ? [] : result.errors).toEqual([]);
  });

  it("documents every route of the table with its method, and the front door's health check, and nothing else", () => {
    for (const route of routes) {
      const path = route.path.replace(/:(\w+)/g, "{$1}");
      const op = operation(route.method.toLowerCase(), path);
      expect(op, `${route.method} ${path}`).toBeDefined();
      expect(op.summary).toBe(route.summary);
      expect(Object.keys(op.responses)).toContain(String(route.status ?? 200));
    }
    const documented = Object.values(doc.paths).flatMap((item: any) => Object.keys(item));
    expect(documented).toHaveLength(routes.length + 1);
  });

  it("documents the health check the front door answers, public, with its readiness failure", () => {
    const health = operation("get", "/health");
    expect(health.security).toEqual([]);
    expect(health.parameters).toEqual([expect.objectContaining({ name: "ready", in: "query" })]);
    expect(jsonSchema(health.responses["200"].content)).toMatchObject({ properties: { status: { const: "ok" } }, required: ["status"] });
    expect(Object.keys(health.responses["503"].content["application/json"].examples)).toEqual(["SERVICE_UNAVAILABLE"]);
  });

  it("documents the download as the file's own media type, not only application/octet-stream", () => {
    const download = operation("get", "/attachments/{attachment_id}").responses["200"];
    expect(Object.keys(download.content)).toEqual(["*/*"]);
    expect(download.headers["Content-Disposition"]).toBeDefined();
  });

  it("names the bearer session scheme on authenticated routes only", () => {
    expect(doc.components.securitySchemes.session).toMatchObject({ type: "http", scheme: "bearer" });
    expect(operation("get", "/messages").security).toEqual([{ session: [] }]);
    expect(operation("post", "/auth/session").security).toEqual([]);
    expect(operation("get", "/openapi.json").security).toEqual([]);
  });

  it("describes the list query and the paginated answer", () => {
    const list = operation("get", "/messages");
    const params = Object.fromEntries(list.parameters.map((p: any) => [p.name, p]));
    expect(params.ticket_id).toMatchObject({ in: "query", required: true });
    expect(params.limit.schema).toMatchObject({ type: "integer", minimum: 1, maximum: 100, default: 50 });
    expect(params.page.schema).toMatchObject({ type: "integer", minimum: 1, default: 1 });
    expect(params.sort_order.schema).toMatchObject({ enum: ["asc", "desc"], default: "asc" });
    const body = jsonSchema(list.responses["200"].content);
    expect(body.required).toEqual(expect.arrayContaining(["data", "pagination"]));
    expect(resolve(body.properties.data.items)).toBe(doc.components.schemas.Message);
    expect(Object.keys(resolve(body.properties.pagination).properties)).toEqual(["page", "limit", "total", "totalPages", "hasMore"]);
  });

  it("describes the create-message body as the reference does, with the Idempotency-Key header", () => {
    const create = operation("post", "/messages");
    const body = jsonSchema(create.requestBody.content);
    expect(body.required).toEqual(["ticket_id", "type", "content"]);
    expect(Object.keys(body.properties)).toEqual(
      expect.arrayContaining([
        "ticket_id", "type", "content", "text_content", "recipients", "ccs", "attachments", "send_email", "is_forward", "ticket_update",
      ]),
    );
    expect(body.properties.type.enum).toEqual(["request", "response", "note"]);
    expect(body.properties.ticket_id.description).toBe("ID of the parent ticket");
    expect(resolve(body.properties.ticket_update).properties.priority.enum).toEqual(["low", "normal", "high", "urgent"]);
    const header = create.parameters.find((p: any) => p.in === "header");
    expect(header).toMatchObject({ name: "Idempotency-Key", schema: { maxLength: 255 }, description: expect.stringContaining("24 hours") });
    expect(header.required).toBeFalsy();
    expect(create.responses["201"].headers.Location).toBeDefined();
  });

  it("gives the Message every field of CONTRACT §5, §11 and §12", () => {
    const message = jsonSchema(operation("post", "/messages").responses["201"].content);
    const fields = [
      "id", "ticketId", "type", "content", "textContent", "authorId", "attachments", "ccs", "createdAt", "updatedAt",
      "recipients", "isForward", "delivery", "from", "source", "undoableUntil",
    ];
    expect(Object.keys(message.properties).sort()).toEqual([...fields].sort());
    expect(message.required).toEqual(expect.arrayContaining(fields));
    expect(message.properties.delivery.properties.status.enum).toEqual(["not_sent", "queued", "sent", "failed"]);
    expect(Object.keys(message.properties.attachments.items.properties)).toEqual(["id", "name", "size", "contentType", "url"]);
    expect(message.properties.source.enum).toEqual(["api", "console", "email"]);
  });

  it("documents the inbound mail route: raw message/rfc822, the inbound secret, 202 and its outcomes (CONTRACT §11)", () => {
    const receive = operation("post", "/inbound/email");
    expect(Object.keys(receive.requestBody.content)).toEqual(["message/rfc822"]);
    expect(receive.security).toEqual([{ inboundSecret: [] }]);
    expect(doc.components.securitySchemes.inboundSecret).toMatchObject({ type: "http", scheme: "bearer" });
    const receipt = jsonSchema(receive.responses["202"].content);
    expect(receipt.properties.outcome.enum).toEqual(["new_ticket", "appended", "follow_up", "duplicate", "ignored", "bounce"]);
    for (const status of ["401", "413", "415", "422"]) expect(receive.responses[status], status).toBeDefined();
    expect(jsonSchema(operation("get", "/tickets/{ticket_id}").responses["200"].content).properties.followUpOfId).toBeDefined();
  });

  it("answers errors with the envelope and the codes that apply", () => {
    const create = operation("post", "/messages");
    for (const status of ["400", "401", "403", "404", "409", "413", "415", "422", "429"]) {
      expect(create.responses[status]?.content["application/json"].schema, status).toEqual({ $ref: "#/components/schemas/ErrorEnvelope" });
    }
    expect(Object.keys(create.responses["403"].content["application/json"].examples)).toEqual(
      expect.arrayContaining(["FORBIDDEN", "TICKET_CLOSED", "CLOSED_STATUS_SYSTEM_ONLY"]),
    );
    const envelope = doc.components.schemas.ErrorEnvelope.properties.error;
    expect(envelope.required).toEqual(["code", "message", "status"]);
    expect(envelope.properties.code.enum).toEqual(expect.arrayContaining(["VALIDATION_ERROR", "TICKET_CLOSED", "RATE_LIMIT_EXCEEDED"]));
    expect(operation("patch", "/tickets/{ticket_id}").responses["403"].description).toContain("CLOSED_STATUS_SYSTEM_ONLY");
    expect(operation("post", "/auth/session").responses["401"].description).toContain("INVALID_CREDENTIALS");
    expect(operation("post", "/users").responses["409"]).toBeDefined();
    // A viewer-level read has no 403: every role may read.
    expect(operation("get", "/messages/{message_id}").responses["403"]).toBeUndefined();
  });
});
