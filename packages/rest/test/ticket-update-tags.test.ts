// ticket_update.add_tags on POST /messages (CONTRACT §13: a macro's tags are applied with the send as one
// ticket_update): the ticket keeps its tags and gains the new ones, each once, in the message's statement.
import { getDb } from "@helpdesk/db";
import { describe, expect, it } from "vitest";
import { useApi } from "./support/api.ts";
import { createTicket, expectValidation, getTicket, messageCount, postMessage } from "./support/fixtures.ts";

const { api, users: [agent] } = useApi({ roles: ["agent"] });

describe("ticket_update.add_tags", () => {
  it("adds the new tags after the ticket's own, each once, and records the change with its author", async () => {
    const ticket = await createTicket(api, agent.token, { tags: ["vip", "billing"] });
    const response = await postMessage(api, agent.token, { ticket_id: ticket.id, ticket_update: { add_tags: ["refund", "billing", "refund", "eu"] } });
    expect(response.status).toBe(201);
    expect((await getTicket(api, agent.token, ticket.id)).tags).toEqual(["vip", "billing", "refund", "eu"]);
    const events = await getDb().ticketEvent.findMany({ where: { ticketId: ticket.id } });
    expect(events).toMatchObject([{ actorId: agent.user.id, changes: { tags: { from: ["vip", "billing"], to: ["vip", "billing", "refund", "eu"] } } }]);
  });

  it("works the same when the message runs in a transaction (a response that mails)", async () => {
    const ticket = await createTicket(api, agent.token, { tags: ["vip"] });
    const response = await postMessage(api, agent.token, { ticket_id: ticket.id, type: "response", ticket_update: { add_tags: ["refund"] } });
    expect(response.status).toBe(201);
    expect((await getTicket(api, agent.token, ticket.id)).tags).toEqual(["vip", "refund"]);
  });

  it("changes nothing when every tag is already there", async () => {
    const ticket = await createTicket(api, agent.token, { tags: ["vip"] });
    expect((await postMessage(api, agent.token, { ticket_id: ticket.id, ticket_update: { add_tags: ["vip"] } })).status).toBe(201);
    expect((await getTicket(api, agent.token, ticket.id)).tags).toEqual(["vip"]);
    expect(await getDb().ticketEvent.count({ where: { ticketId: ticket.id } })).toBe(0);
  });

  it("refuses to go past 20 tags with 422 at ticket_update.add_tags, and writes nothing", async () => {
    const tags = Array.from({ length: 18 }, (_, n) => `tag-${n}`);
    const ticket = await createTicket(api, agent.token, { tags });
    const refused = await postMessage(api, agent.token, { ticket_id: ticket.id, ticket_update: { add_tags: ["a", "b", "c"], priority: "high" } });
    expectValidation(refused, "ticket_update.add_tags", "TOO_BIG");
    expect(await messageCount(ticket.id)).toBe(0);
    expect(await getTicket(api, agent.token, ticket.id)).toMatchObject({ tags, priority: "normal" });
    expect((await postMessage(api, agent.token, { ticket_id: ticket.id, ticket_update: { add_tags: ["a", "b", "tag-0"] } })).status).toBe(201);
  });

  it("validates each tag like the ticket's tags", async () => {
    const ticket = await createTicket(api, agent.token);
    expectValidation(await postMessage(api, agent.token, { ticket_id: ticket.id, ticket_update: { add_tags: [""] } }), "ticket_update.add_tags.0");
    expectValidation(await postMessage(api, agent.token, { ticket_id: ticket.id, ticket_update: { add_tags: "vip" } }), "ticket_update.add_tags");
  });
});
