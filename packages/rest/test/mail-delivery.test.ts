// Issue 4, outgoing mail: what reaches the customer, received by a real SMTP server on loopback and parsed.
import { getDb } from "@helpdesk/db";
import { describe, expect, it } from "vitest";
import { addresses, FROM, mailsFor, messageIdOf, useMailTestbed } from "./support/mail.ts";
import { randomBytes, uploadOk } from "./support/uploads.ts";
import { call, useApi } from "./support/api.ts";
import { createMessage, createTicket } from "./support/fixtures.ts";

const bed = useMailTestbed();
const { api, users: [agent] } = useApi({ roles: ["agent"] });

const requester = { requester_email: "casey@customer.test", requester_name: "Casey Customer" };
const respond = (ticketId: string, body: Record<string, unknown> = {}) =>
  createMessage(api, agent.token, { ticket_id: ticketId, type: "response", content: "<p>Hello <b>Casey</b></p>", ...body });
const attach = async (name: string, type: string, data: Uint8Array<ArrayBuffer> | string) => (await uploadOk(api, agent.token, { name, type, data })).token;

describe("a response", () => {
  it("reaches the requester and the ccs, with HTML and text parts, and delivery turns sent", async () => {
    const ticket = await createTicket(api, agent.token, { ...requester, subject: "Printer on fire" });
    const message = await respond(ticket.id, {
      text_content: "Hello Casey",
      ccs: [{ email: "boss@customer.test", name: "The Boss" }, { email: "it@customer.test" }],
    });
    expect(message.delivery).toEqual({ status: "queued", attempts: 0, lastError: null });
    await bed.drained();

    const [received, ...more] = mailsFor(bed.smtp, message.id);
    expect(more).toEqual([]);
    const { mail, envelope } = received!;
    expect(addresses(mail.from)).toEqual([{ email: FROM, name: null }]);
    expect(addresses(mail.to)).toEqual([{ email: "casey@customer.test", name: "Casey Customer" }]);
    expect(addresses(mail.cc)).toEqual([{ email: "boss@customer.test", name: "The Boss" }, { email: "it@customer.test", name: null }]);
    expect(envelope.to.sort()).toEqual(["boss@customer.test", "casey@customer.test", "it@customer.test"]);
    expect(mail.subject).toBe(`Re: Printer on fire [${ticket.id}]`);
    // Answers come back plus-addressed to the ticket (CONTRACT §11).
    expect(addresses(mail.replyTo)).toEqual([{ email: FROM.replace("@", `+${ticket.id}@`), name: null }]);
    expect(mail.html).toContain("<p>Hello <b>Casey</b></p>");
    expect(mail.text?.trim()).toBe("Hello Casey");
    expect(mail.attachments).toEqual([]);

    const after = await call(api, "GET", `/messages/${message.id}`, { token: agent.token });
    expect(after.body.delivery).toEqual({ status: "sent", attempts: 1, lastError: null });
  });

  it("threads: a stable Message-ID, and In-Reply-To / References naming the ticket and its earlier mails", async () => {
    const ticket = await createTicket(api, agent.token, requester);
    const first = await respond(ticket.id);
    await createMessage(api, agent.token, { ticket_id: ticket.id, type: "note", content: "<p>internal</p>" });
    const second = await respond(ticket.id);
    const third = await respond(ticket.id);
    await bed.drained();
    const root = `<${ticket.id}@helpdesk.test>`;
    const [a, b, c] = [first, second, third].map((message) => mailsFor(bed.smtp, message.id)[0]!.mail);
    expect(a!.messageId).toBe(messageIdOf(first.id));
    expect(a!.inReplyTo).toBe(root);
    expect([a!.references].flat()).toEqual([root]);
    expect(b!.inReplyTo).toBe(messageIdOf(first.id));
    expect([b!.references].flat()).toEqual([root, messageIdOf(first.id)]);
    expect(c!.inReplyTo).toBe(messageIdOf(second.id));
    expect([c!.references].flat()).toEqual([root, messageIdOf(first.id), messageIdOf(second.id)]);
  });

  it("carries its attachments as real attachments, byte-identical", async () => {
    const ticket = await createTicket(api, agent.token, requester);
    const binary = randomBytes(300_000, 42);
    const name = 'Q3 "final" – Ünïcödé.bin';
    const message = await respond(ticket.id, {
      attachments: [{ token: await attach(name, "application/octet-stream", binary) }, { token: await attach("notes.txt", "text/plain", "plain text\r\n") }],
    });
    await bed.drained();
    const { mail } = mailsFor(bed.smtp, message.id)[0]!;
    expect(mail.attachments.map((file) => [file.filename, file.contentType, file.contentDisposition])).toEqual([
      [name, "application/octet-stream", "attachment"],
      ["notes.txt", "text/plain", "attachment"],
    ]);
    expect(new Uint8Array(mail.attachments[0]!.content)).toEqual(binary);
    expect(mail.attachments[1]!.content.toString("utf8")).toBe("plain text\r\n");
  });
});

describe("a forward", () => {
  it("goes to its recipients only and carries the conversation's attachments, never a note's", async () => {
    const ticket = await createTicket(api, agent.token, { ...requester, subject: "Broken screen" });
    const photo = randomBytes(40_000, 3);
    const log = randomBytes(10_000, 4);
    await createMessage(api, agent.token, { ticket_id: ticket.id, type: "request", content: "<p>photo attached</p>", attachments: [{ token: await attach("photo.jpg", "image/jpeg", photo) }] });
    await createMessage(api, agent.token, { ticket_id: ticket.id, type: "note", content: "<p>internal</p>", attachments: [{ token: await attach("internal.txt", "text/plain", "secret") }] });
    await respond(ticket.id, { send_email: false, attachments: [{ token: await attach("log.txt", "text/plain", log) }] });
    const forward = await respond(ticket.id, {
      is_forward: true,
      recipients: [{ email: "vendor@repairs.test", name: "Repair Shop" }],
      ccs: [{ email: "manager@repairs.test" }],
      content: "<p>Please have a look.</p>",
      attachments: [{ token: await attach("invoice.pdf", "application/pdf", "%PDF-1.4") }],
    });
    await bed.drained();

    const [received, ...more] = mailsFor(bed.smtp, forward.id);
    expect(more).toEqual([]);
    expect(addresses(received!.mail.to)).toEqual([{ email: "vendor@repairs.test", name: "Repair Shop" }]);
    expect(addresses(received!.mail.cc)).toEqual([{ email: "manager@repairs.test", name: null }]);
    expect(received!.envelope.to.sort()).toEqual(["manager@repairs.test", "vendor@repairs.test"]);
    expect(received!.mail.subject).toBe(`Fwd: Broken screen [${ticket.id}]`);
    const files = received!.mail.attachments;
    expect(files.map((file) => file.filename)).toEqual(["photo.jpg", "log.txt", "invoice.pdf"]);
    expect(new Uint8Array(files[0]!.content)).toEqual(photo);
    expect(new Uint8Array(files[1]!.content)).toEqual(log);
    expect(bed.smtp.received.some(({ envelope }) => envelope.to.includes("casey@customer.test") && envelope.to.includes("vendor@repairs.test"))).toBe(false);
  });
});

describe("no mail", () => {
  it("for notes, requests and responses with send_email false", async () => {
    const ticket = await createTicket(api, agent.token, requester);
    const quiet = [
      await createMessage(api, agent.token, { ticket_id: ticket.id, type: "note", send_email: true }),
      await createMessage(api, agent.token, { ticket_id: ticket.id, type: "request", send_email: true }),
      await respond(ticket.id, { send_email: false }),
    ];
    const before = bed.smtp.received.length;
    await bed.drained();
    expect(bed.smtp.received.length).toBe(before);
    expect(await getDb().outgoingEmail.count({ where: { messageId: { in: quiet.map((message) => message.id) } } })).toBe(0);
    for (const message of quiet) {
      const after = await call(api, "GET", `/messages/${message.id}`, { token: agent.token });
      expect(after.body.delivery).toEqual({ status: "not_sent", attempts: 0, lastError: null });
    }
  });
});
