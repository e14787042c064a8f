// CONTRACT §12: GET /tickets/:ticketId/events (viewer) answers the ticket's activity, the same JSON as tRPC's
// ticket.events; what gets recorded is proved in packages/api/test/activity.test.ts.
import { ZTicketEventList } from "@helpdesk/validators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, useApi } from "./support/api.ts";
import { createMessage, createTicket, expectError, ISO_UTC_MS, UNKNOWN_TICKET_ID } from "./support/fixtures.ts";
import { startTrpc, type TestTrpc, trpcBatch } from "./support/trpc.ts";

const { api, users: [agent, viewer] } = useApi({ roles: ["agent", "viewer"] });
let trpc: TestTrpc;
beforeAll(async () => {
  trpc = await startTrpc();
});
afterAll(() => trpc?.close());

const events = (ticketId: string, token?: string) => call(api, "GET", `/tickets/${ticketId}/events`, { token });

describe("GET /tickets/:ticket_id/events", () => {
  it("answers a viewer every change oldest first, with its actor, the same as tRPC", async () => {
    const ticket = await createTicket(api, agent.token, { tags: ["vip"] });
    const patched = await call(api, "PATCH", `/tickets/${ticket.id}`, { token: agent.token, body: { status: "open", tags: ["vip", "billing"] } });
    expect(patched.status).toBe(200);
    await createMessage(api, agent.token, { ticket_id: ticket.id, ticket_update: { status: "pending" } });

    const response = await events(ticket.id, viewer.token);
    expect(response.status).toBe(200);
    expect(ZTicketEventList.parse(response.body)).toEqual(response.body);
    expect(response.body).toEqual({
      data: [
        {
          id: expect.stringMatching(/^tev_[0-9a-z]{26}$/),
          ticketId: ticket.id,
          actorId: agent.user.id,
          kind: "ticket.updated",
          changes: { status: { from: "new", to: "open" }, tags: { from: ["vip"], to: ["vip", "billing"] } },
          createdAt: patched.body.updatedAt,
        },
        {
          id: expect.stringMatching(/^tev_[0-9a-z]{26}$/),
          ticketId: ticket.id,
          actorId: agent.user.id,
          kind: "ticket.updated",
          changes: { status: { from: "open", to: "pending" } },
          createdAt: expect.stringMatching(ISO_UTC_MS),
        },
      ],
    });
    const viaTrpc = await trpcBatch(trpc, "query", [{ path: "ticket.events", input: { ticket_id: ticket.id } }], { token: viewer.token });
    expect(viaTrpc.results).toEqual([{ data: response.body }]);
  });

  it("answers an empty list for a ticket nothing happened to", async () => {
    const ticket = await createTicket(api, agent.token);
    expect((await events(ticket.id, viewer.token)).body).toEqual({ data: [] });
  });

  it("answers 404 for an unknown or malformed ticket and 401 without a session", async () => {
    expectError(await events(UNKNOWN_TICKET_ID, viewer.token), 404, "NOT_FOUND");
    expectError(await events("not-a-ticket", viewer.token), 404, "NOT_FOUND");
    expectError(await events(UNKNOWN_TICKET_ID), 401, "UNAUTHORIZED");
    const viaTrpc = await trpcBatch(trpc, "query", [{ path: "ticket.events", input: { ticket_id: UNKNOWN_TICKET_ID } }], { token: viewer.token });
    expect(viaTrpc.results).toEqual([{ error: expect.objectContaining({ appCode: "NOT_FOUND" }) }]);
  });

  it("is in the API document", async () => {
    const document = (await call(api, "GET", "/openapi.json")).body;
    const operation = document.paths["/helpdesk/api/tickets/{ticket_id}/events"]?.get;
    expect(operation?.responses?.["200"]).toBeDefined();
    expect(operation?.responses?.["404"]).toBeDefined();
  });
});
