// CONTRACT section 6, POST /messages: which messages queue an email (the outbox row) and to whom; ccs and forwards.
import { describe, expect, it } from "vitest";
import { useApi } from "./support/api.ts";
import { createTicket, expectValidation, messageCount, outgoingEmails, postMessage } from "./support/fixtures.ts";

const { api, users: [agent] } = useApi({ roles: ["agent"] });

const lower = (list: { email: string; name: string | null }[]) => list.map(({ email, name }) => ({ email: email.toLowerCase(), name }));
const requesterOf = (ticket: { requesterEmail: string; requesterName: string | null }) => ({ email: ticket.requesterEmail, name: ticket.requesterName });

describe("type response", () => {
  it("queues exactly one email to the requester by default", async () => {
    const ticket = await createTicket(api, agent.token, { requester_email: "pat.requester@example.test", requester_name: "Pat Requester" });
    const response = await postMessage(api, agent.token, { ticket_id: ticket.id, type: "response", content: "<p>We are on it.</p>" });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      type: "response",
      isForward: false,
      recipients: [{ email: "pat.requester@example.test", name: "Pat Requester" }],
      ccs: [],
      delivery: { status: "queued", attempts: 0, lastError: null },
    });
    const emails = await outgoingEmails(response.body.id);
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({
      ticketId: ticket.id,
      to: [{ email: "pat.requester@example.test", name: "Pat Requester" }],
      cc: [],
      status: "queued",
    });
  });

  it("copies the de-duplicated ccs, first occurrence kept", async () => {
    const ticket = await createTicket(api, agent.token);
    const response = await postMessage(api, agent.token, {
      ticket_id: ticket.id,
      type: "response",
      ccs: [
        { email: "ann@example.test", name: "Ann" },
        { email: "bob@example.test" },
        { email: "ANN@Example.TEST", name: "Ann again" },
        { email: "carol@example.test", name: "Carol" },
        { email: "Bob@example.test", name: "Bob twice" },
      ],
    });
    expect(response.status).toBe(201);
    const expected = [
      { email: "ann@example.test", name: "Ann" },
      { email: "bob@example.test", name: null },
      { email: "carol@example.test", name: "Carol" },
    ];
    expect(lower(response.body.ccs)).toEqual(expected);
    const emails = await outgoingEmails(response.body.id);
    expect(emails).toHaveLength(1);
    expect(emails[0]?.to).toEqual([requesterOf(ticket)]);
    expect(lower(emails[0]?.cc as never)).toEqual(expected);
    expect(response.body.recipients).toEqual([requesterOf(ticket)]);
  });

  it("sends nothing with send_email: false", async () => {
    const ticket = await createTicket(api, agent.token);
    const response = await postMessage(api, agent.token, {
      ticket_id: ticket.id,
      type: "response",
      send_email: false,
      ccs: [{ email: "cc@example.test", name: "CC" }],
    });
    expect(response.status).toBe(201);
    expect(response.body.delivery).toEqual({ status: "not_sent", attempts: 0, lastError: null });
    expect(await outgoingEmails(response.body.id)).toEqual([]);
  });
});

describe("note and request", () => {
  it.each(["note", "request"])("a %s never queues an email, whatever send_email says", async (type) => {
    const ticket = await createTicket(api, agent.token);
    for (const send_email of [true, undefined]) {
      const response = await postMessage(api, agent.token, {
        ticket_id: ticket.id,
        type,
        send_email,
        ccs: [{ email: "cc@example.test", name: "CC" }],
      });
      expect(response.status).toBe(201);
      expect(response.body.type).toBe(type);
      expect(response.body.delivery.status).toBe("not_sent");
      expect(await outgoingEmails(response.body.id)).toEqual([]);
    }
  });
});

describe("forwards", () => {
  it("go to the given recipients and ccs instead of the requester", async () => {
    const ticket = await createTicket(api, agent.token);
    const recipients = [
      { email: "vendor@example.test", name: "Vendor Support" },
      { email: "second@example.test", name: null },
    ];
    const ccs = [{ email: "manager@example.test", name: "Manager" }];
    const response = await postMessage(api, agent.token, {
      ticket_id: ticket.id,
      type: "response",
      is_forward: true,
      recipients,
      ccs,
      content: "<p>Forwarding this to you.</p>",
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ isForward: true, recipients, ccs, delivery: { status: "queued" } });
    const emails = await outgoingEmails(response.body.id);
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ to: recipients, cc: ccs, status: "queued" });
    expect(JSON.stringify(emails[0]?.to)).not.toContain(ticket.requesterEmail);
  });

  it("422 REQUIRED at recipients when is_forward has none", async () => {
    const ticket = await createTicket(api, agent.token);
    expectValidation(await postMessage(api, agent.token, { ticket_id: ticket.id, type: "response", is_forward: true }), "recipients", "REQUIRED");
    expect(await messageCount(ticket.id)).toBe(0);
  });

  it("accept 50 recipients and refuse 51 (and none) at recipients", async () => {
    const ticket = await createTicket(api, agent.token);
    const people = (n: number) => Array.from({ length: n }, (_, i) => ({ email: `r${i}@example.test`, name: `R ${i}` }));
    const fifty = await postMessage(api, agent.token, { ticket_id: ticket.id, type: "response", is_forward: true, recipients: people(50) });
    expect(fifty.status).toBe(201);
    expect(fifty.body.recipients).toHaveLength(50);
    expectValidation(await postMessage(api, agent.token, { ticket_id: ticket.id, type: "response", is_forward: true, recipients: people(51) }), "recipients", "TOO_BIG");
    expectValidation(await postMessage(api, agent.token, { ticket_id: ticket.id, type: "response", is_forward: true, recipients: [] }), "recipients", "TOO_SMALL");
    expect(await messageCount(ticket.id)).toBe(1);
  });

  it("422 INVALID at recipients when recipients come without is_forward: true", async () => {
    const ticket = await createTicket(api, agent.token);
    const recipients = [{ email: "vendor@example.test", name: "Vendor" }];
    expectValidation(await postMessage(api, agent.token, { ticket_id: ticket.id, type: "response", recipients }), "recipients", "INVALID");
    expectValidation(await postMessage(api, agent.token, { ticket_id: ticket.id, type: "response", is_forward: false, recipients }), "recipients", "INVALID");
    expect(await messageCount(ticket.id)).toBe(0);
  });
});

describe("ccs validation", () => {
  const ccList = (n: number) => Array.from({ length: n }, (_, i) => ({ email: `cc${i}@example.test`, name: `CC ${i}` }));

  it("accepts 48 ccs and refuses 49 at ccs", async () => {
    const ticket = await createTicket(api, agent.token);
    const ok = await postMessage(api, agent.token, { ticket_id: ticket.id, type: "response", ccs: ccList(48) });
    expect(ok.status).toBe(201);
    expect(ok.body.ccs).toHaveLength(48);
    expect((await outgoingEmails(ok.body.id))[0]?.cc).toHaveLength(48);
    expectValidation(await postMessage(api, agent.token, { ticket_id: ticket.id, type: "response", ccs: ccList(49) }), "ccs", "TOO_BIG");
    expect(await messageCount(ticket.id)).toBe(1);
  });

  it("422 at ccs.N.email for an invalid address, naming each bad entry", async () => {
    const ticket = await createTicket(api, agent.token);
    const response = await postMessage(api, agent.token, {
      ticket_id: ticket.id,
      type: "response",
      ccs: [{ email: "good@example.test" }, { email: "not-an-email" }, { email: "fine@example.test" }, { name: "No Email" }],
    });
    expectValidation(response, "ccs.1.email", "INVALID");
    expect(response.body.error.details["ccs.3.email"]).toEqual([{ code: "REQUIRED", message: expect.any(String) }]);
    expect(Object.keys(response.body.error.details)).not.toContain("ccs.0.email");
    expect(await messageCount(ticket.id)).toBe(0);
  });

  it("422 at recipients.N.email for an invalid forward recipient", async () => {
    const ticket = await createTicket(api, agent.token);
    const response = await postMessage(api, agent.token, {
      ticket_id: ticket.id,
      type: "response",
      is_forward: true,
      recipients: [{ email: "ok@example.test" }, { email: "nope" }],
    });
    expectValidation(response, "recipients.1.email", "INVALID");
  });
});
