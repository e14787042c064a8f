// Inbound email through the whole production server (CONTRACT §11, issue 10): the HTTP door behind the real front
// door (raw mail streamed up to the upload limit, not the 1 MiB of JSON bodies; no Origin check for a relay), the
// SMTP door the server process opens, and one message for a mail that came through both.
import { randomBytes, randomUUID } from "node:crypto";
import { freePort } from "@helpdesk/db/server";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type RunningServer, startServer } from "./support/server.ts";
import { sendOverSmtp } from "./support/smtp-client.ts";
import { createUser, dbFor, signIn } from "./support/users.ts";

const SUPPORT = "support@helpdesk.test";
const SECRET = "inbound-secret-for-the-whole-server-tests";
const MAX_BYTES = 6_000_000;

const databaseUrl = inject("databaseUrl");
let server: RunningServer;
let smtpPort: number;
let token: string;

beforeAll(async () => {
  smtpPort = await freePort();
  server = await startServer({
    databaseUrl,
    env: {
      HELPDESK_FROM_EMAIL: SUPPORT,
      HELPDESK_INBOUND_SECRET: SECRET,
      HELPDESK_INBOUND_SMTP_PORT: String(smtpPort),
      HELPDESK_INBOUND_SMTP_HOST: "127.0.0.1",
      HELPDESK_MAX_UPLOAD_BYTES: String(MAX_BYTES),
    },
  });
  token = await signIn(server.url, (await createUser(databaseUrl, "agent")).email);
});
afterAll(() => server?.stop());

interface Mail {
  from: string;
  messageId: string;
  subject: string;
  raw: Buffer<ArrayBuffer>;
}

/** A customer's mail with a unique sender, subject word and Message-ID; `body` is its MIME body after the headers. */
function mail(body: { contentType: string; text: string } = { contentType: "text/plain; charset=utf-8", text: "My printer is on fire.\r\n" }): Mail {
  const id = randomUUID();
  const from = `casey-${id}@customer.test`;
  const messageId = `<${id}@customer.test>`;
  const subject = `Printer on fire mk${id.replaceAll("-", "")}`;
  const headers = [`From: Casey Customer <${from}>`, `To: ${SUPPORT}`, `Subject: ${subject}`, `Message-ID: ${messageId}`, "MIME-Version: 1.0", `Content-Type: ${body.contentType}`];
  return { from, messageId, subject, raw: Buffer.from(`${headers.join("\r\n")}\r\n\r\n${body.text}`) };
}

/** A mail with a base64 attachment of `bytes` random bytes. */
function mailWithAttachment(bytes: number): Mail & { attachment: Buffer } {
  const attachment = randomBytes(bytes);
  const base64 = attachment.toString("base64").replace(/.{76}/g, "$&\r\n");
  const text = [
    "--b1", "Content-Type: text/plain; charset=utf-8", "", "The scan of the broken part is attached.", "",
    "--b1", "Content-Type: application/octet-stream", 'Content-Disposition: attachment; filename="scan.bin"', "Content-Transfer-Encoding: base64", "",
    base64, "--b1--", "",
  ].join("\r\n");
  return { ...mail({ contentType: 'multipart/mixed; boundary="b1"', text }), attachment };
}

/** A plain mail of exactly `size` bytes. */
function mailOfSize(size: number): Mail {
  const empty = mail({ contentType: "text/plain; charset=utf-8", text: "" });
  const line = `${"x".repeat(76)}\r\n`;
  const room = size - empty.raw.length;
  const text = line.repeat(Math.floor(room / line.length)) + "y".repeat(room % line.length);
  return { ...empty, raw: Buffer.concat([empty.raw, Buffer.from(text)]) };
}

/** POST /inbound/email as a relay does; `stream` sends the body chunked, with no declared length. */
async function postMail(raw: Buffer<ArrayBuffer>, { headers = {}, stream = false }: { headers?: Record<string, string>; stream?: boolean } = {}) {
  const body = stream ? new Blob([raw]).stream() : raw;
  const response = await fetch(`${server.url}/helpdesk/api/inbound/email`, {
    method: "POST",
    headers: { authorization: `Bearer ${SECRET}`, "content-type": "message/rfc822", ...headers },
    body,
    duplex: "half",
  } as RequestInit);
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, any> };
}

async function get(path: string) {
  const response = await fetch(`${server.url}/helpdesk/api${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}
const getJson = async (path: string) => JSON.parse((await get(path)).bytes.toString("utf8")) as Record<string, any>;

/** The messages of the one ticket a mail's subject word names, as GET /messages lists them. */
async function messagesOf(subject: string) {
  const tickets = await getJson(`/tickets?q=${encodeURIComponent(subject.split(" ").at(-1)!)}`);
  expect(tickets.data).toHaveLength(1);
  return (await getJson(`/messages?ticket_id=${tickets.data[0].id}`)).data as Record<string, any>[];
}

const stored = (messageIdHeader: string) => dbFor(databaseUrl).inboundEmail.count({ where: { messageIdHeader } });

describe("the HTTP door behind the front door", () => {
  it("takes a 5 MiB mail with an attachment (bodies here stream to the upload limit, not the 1 MiB of JSON)", async () => {
    const big = mailWithAttachment(3_900_000);
    expect(big.raw.length).toBeGreaterThan(5 * 1024 * 1024);
    const answer = await postMail(big.raw);
    expect(answer.status, JSON.stringify(answer.body)).toBe(202);
    expect(answer.body).toMatchObject({ outcome: "new_ticket" });
    const message = await getJson(`/messages/${answer.body.messageId}`);
    expect(message).toMatchObject({ source: "email", from: { email: big.from }, attachments: [{ name: "scan.bin", size: big.attachment.length }] });
    const file = await get(message.attachments[0].url.replace("/helpdesk/api", ""));
    expect(file.bytes.equals(big.attachment)).toBe(true);
    const original = await get(`/messages/${answer.body.messageId}/original`);
    expect(original.headers.get("content-type")).toBe("message/rfc822");
    expect(original.bytes.equals(big.raw)).toBe(true);
  });

  it("takes a mail of exactly HELPDESK_MAX_UPLOAD_BYTES", async () => {
    const full = mailOfSize(MAX_BYTES);
    expect(full.raw.length).toBe(MAX_BYTES);
    expect((await postMail(full.raw)).status).toBe(202);
  });

  it("one byte over the limit is 413 PAYLOAD_TOO_LARGE in the JSON envelope, declared or streamed, and nothing is kept", async () => {
    const over = mailOfSize(MAX_BYTES + 1);
    for (const stream of [false, true]) {
      const answer = await postMail(over.raw, { stream });
      expect(answer.status).toBe(413);
      expect(answer.headers.get("content-type")).toMatch(/^application\/json/);
      expect(answer.body).toMatchObject({ error: { code: "PAYLOAD_TOO_LARGE", status: 413 } });
    }
    expect(await stored(over.messageId)).toBe(0);
  });

  it("a relay's POST without cookies is not refused by the cross-site guard, whatever Origin it names", async () => {
    const relayed = mail();
    const answer = await postMail(relayed.raw, { headers: { origin: "https://relay.example", "sec-fetch-site": "cross-site" } });
    expect(answer.status, JSON.stringify(answer.body)).toBe(202);
    expect(answer.body.outcome).toBe("new_ticket");
  });
});

describe("the SMTP door the server opens", () => {
  it("takes mail for the support address; it shows up through GET /messages", async () => {
    const sent = mail({ contentType: "text/plain; charset=utf-8", text: "Sent by SMTP.\r\n" });
    const reply = await sendOverSmtp(smtpPort, sent.raw, { from: sent.from, to: [SUPPORT] });
    expect(reply.accepted).toEqual([SUPPORT]);
    expect(reply.response).toMatch(/^250 .*new_ticket/);
    const messages = await messagesOf(sent.subject);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ type: "request", source: "email", authorId: null, from: { email: sent.from, name: "Casey Customer" } });
    expect(messages[0]!.content).toContain("Sent by SMTP.");
  });

  it("refuses mail for anyone else (550) and keeps nothing", async () => {
    const stray = mail();
    await expect(sendOverSmtp(smtpPort, stray.raw, { from: stray.from, to: ["someone@elsewhere.test"] })).rejects.toMatchObject({ responseCode: 550 });
    expect(await stored(stray.messageId)).toBe(0);
  });
});

describe("one mail through both doors", () => {
  it("one after the other: the second door answers duplicate, and there is one message", async () => {
    const first = mail();
    expect((await sendOverSmtp(smtpPort, first.raw, { from: first.from, to: [SUPPORT] })).response).toMatch(/new_ticket/);
    expect((await postMail(first.raw)).body).toEqual({ outcome: "duplicate", ticketId: null, messageId: null });
    const second = mail();
    expect((await postMail(second.raw)).body.outcome).toBe("new_ticket");
    expect((await sendOverSmtp(smtpPort, second.raw, { from: second.from, to: [SUPPORT] })).response).toMatch(/duplicate/);
    expect(await messagesOf(first.subject)).toHaveLength(1);
    expect(await messagesOf(second.subject)).toHaveLength(1);
  });

  it("at the same time: still one message", async () => {
    const both = mail();
    const [smtp, http] = await Promise.all([sendOverSmtp(smtpPort, both.raw, { from: both.from, to: [SUPPORT] }), postMail(both.raw)]);
    const outcomes = [/OK: (\w+)/.exec(smtp.response)?.[1], http.body.outcome].sort();
    expect(outcomes).toEqual(["duplicate", "new_ticket"]);
    expect(await messagesOf(both.subject)).toHaveLength(1);
    expect(await stored(both.messageId)).toBe(1);
  });
});
