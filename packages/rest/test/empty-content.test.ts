// CONTRACT section 6: content that is empty once sanitized (no text and no image) is a 422 at `content`, for a new
// message and for a new ticket's first message alike; nothing is stored.
import { getDb } from "@helpdesk/db";
import { describe, expect, it } from "vitest";
import { call, useApi } from "./support/api.ts";
import { createTicket, expectValidation, postMessage } from "./support/fixtures.ts";

const { api, users: [agent] } = useApi({ roles: ["agent"] });

const EMPTY_ONCE_SANITIZED = [
  "<script>alert(1)</script>",
  "<p> </p>",
  "<p>&nbsp;</p><br>",
  "<style>p { color: red }</style>",
  "<iframe src='https://example.com'></iframe>",
  "<img src='javascript:alert(1)'>",
  "<!-- only a comment -->",
];

describe("POST /messages", () => {
  it.each(EMPTY_ONCE_SANITIZED)("refuses %j at content and stores nothing", async (content) => {
    const ticket = await createTicket(api, agent.token);
    const response = await postMessage(api, agent.token, { ticket_id: ticket.id, type: "note", content });
    expectValidation(response, "content", "INVALID");
    expect(await getDb().message.count({ where: { ticketId: ticket.id } })).toBe(0);
  });

  it.each([
    ["text", "<script>x</script><p>Hello</p>"],
    ["an image", "<p><img src='https://example.com/a.png'></p>"],
  ])("accepts content with %s left", async (_what, content) => {
    const ticket = await createTicket(api, agent.token);
    const response = await postMessage(api, agent.token, { ticket_id: ticket.id, type: "note", content });
    expect(response.status).toBe(201);
  });
});

describe("POST /tickets", () => {
  it.each(EMPTY_ONCE_SANITIZED)("refuses %j as the first message's content, and creates no ticket", async (content) => {
    const subject = `Empty first message ${crypto.randomUUID()}`;
    const response = await call(api, "POST", "/tickets", {
      token: agent.token,
      body: { subject, requester_email: "casey@example.test", content },
    });
    expectValidation(response, "content", "INVALID");
    expect(await getDb().ticket.count({ where: { subject } })).toBe(0);
  });

  it("still creates a ticket without content", async () => {
    const response = await call(api, "POST", "/tickets", { token: agent.token, body: { subject: "No content", requester_email: "c@example.test" } });
    expect(response.status).toBe(201);
  });
});
