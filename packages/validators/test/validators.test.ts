import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  ERROR_CODES,
  parseServerEnv,
  ROLE_RANK,
  ZCreateMessageBody,
  ZCreateTicketBody,
  ZEmailAddress,
  ZErrorEnvelope,
  ZListMessagesQuery,
  ZListTicketsQuery,
  ZListUsersQuery,
  ZMessage,
  ZSignInBody,
  ZTicketId,
  ZUpdateTicketBody,
  paginated,
  validationDetails,
} from "../src/index.ts";

const TICKET_ID = "tkt_01jxa7q6z3c4v5b6n7m8k9h0gf";

function detailsOf(schema: z.ZodType, input: unknown, withInput = true) {
  const result = schema.safeParse(input);
  if (result.success) throw new Error(`expected a validation failure for ${JSON.stringify(input)}`);
  return withInput ? validationDetails(result.error, input) : validationDetails(result.error);
}

function codesOf(schema: z.ZodType, input: unknown) {
  const details = detailsOf(schema, input);
  return Object.fromEntries(Object.entries(details).map(([key, issues]) => [key, issues.map((i) => i.code)]));
}

const validMessage = { ticket_id: TICKET_ID, type: "response", content: "<p>Hello</p>" };

describe("list query page/limit", () => {
  it("applies defaults", () => {
    expect(ZListMessagesQuery.parse({ ticket_id: TICKET_ID })).toEqual({
      ticket_id: TICKET_ID,
      page: 1,
      limit: 50,
      sort_order: "asc",
    });
  });

  it("accepts numeric strings and numbers", () => {
    const parsed = ZListMessagesQuery.parse({ ticket_id: TICKET_ID, page: "2", limit: "100", sort_order: "desc" });
    expect(parsed).toMatchObject({ page: 2, limit: 100, sort_order: "desc" });
    expect(ZListMessagesQuery.parse({ ticket_id: TICKET_ID, page: 3, limit: 1 })).toMatchObject({ page: 3, limit: 1 });
  });

  it.each([
    ["abc", "INVALID"],
    ["1.5", "INVALID"],
    ["", "INVALID"],
    ["0x10", "INVALID"],
    [" 2", "INVALID"],
    [1.5, "INVALID"],
    ["0", "TOO_SMALL"],
    [0, "TOO_SMALL"],
  ])("rejects page %j as %s", (page, code) => {
    expect(codesOf(ZListMessagesQuery, { ticket_id: TICKET_ID, page })).toEqual({ page: [code] });
  });

  it.each([
    ["101", "TOO_BIG"],
    ["0", "TOO_SMALL"],
    ["abc", "INVALID"],
    ["", "INVALID"],
  ])("rejects limit %j as %s", (limit, code) => {
    expect(codesOf(ZListMessagesQuery, { ticket_id: TICKET_ID, limit })).toEqual({ limit: [code] });
  });

  it("gives human messages for page/limit", () => {
    const details = detailsOf(ZListMessagesQuery, { ticket_id: TICKET_ID, page: "abc", limit: "101" });
    expect(details.page?.[0]?.message).toBe("Must be a whole number.");
    expect(details.limit?.[0]?.message).toBe("Must be at most 100.");
  });

  it("requires ticket_id and rejects a bad sort_order", () => {
    expect(codesOf(ZListMessagesQuery, { sort_order: "up" })).toEqual({ ticket_id: ["REQUIRED"], sort_order: ["INVALID"] });
  });

  it("uses the same rules for tickets and users", () => {
    expect(ZListTicketsQuery.parse({})).toEqual({ page: 1, limit: 50, sort_order: "asc" });
    expect(ZListUsersQuery.parse({ page: "4" })).toEqual({ page: 4, limit: 50 });
    expect(codesOf(ZListTicketsQuery, { limit: "101", status: "done" })).toEqual({ limit: ["TOO_BIG"], status: ["INVALID"] });
  });
});

describe("ids", () => {
  it("accepts well-formed ids with the right prefix, even unknown ones", () => {
    expect(ZTicketId.safeParse(TICKET_ID).success).toBe(true);
    expect(ZTicketId.safeParse("tkt_abc123").success).toBe(true);
  });

  it.each(["msg_01jxa7q6z3c4v5b6n7m8k9h0gf", "tkt_", "tkt_ABC", "tkt_a-b", `tkt_${"a".repeat(61)}`, "abc"])(
    "rejects %j",
    (id) => {
      expect(ZTicketId.safeParse(id).success).toBe(false);
    },
  );

  it("says which prefix it wants", () => {
    expect(detailsOf(ZListMessagesQuery, { ticket_id: "msg_1" }).ticket_id?.[0]).toEqual({
      code: "INVALID",
      message: "Must be an id starting with tkt_.",
    });
  });
});

describe("create message body", () => {
  it("applies defaults and strips unknown fields", () => {
    expect(ZCreateMessageBody.parse({ ...validMessage, unexpected: 1, authorId: "usr_x" })).toEqual({
      ...validMessage,
      send_email: true,
      is_forward: false,
    });
  });

  it("requires recipients for a forward", () => {
    const details = detailsOf(ZCreateMessageBody, { ...validMessage, is_forward: true });
    expect(details).toEqual({ recipients: [{ code: "REQUIRED", message: "Recipients are required when forwarding." }] });
  });

  it("accepts a forward with recipients, and rejects an empty recipients list", () => {
    const recipients = [{ email: "someone@example.com", name: "Someone" }];
    expect(ZCreateMessageBody.safeParse({ ...validMessage, is_forward: true, recipients }).success).toBe(true);
    expect(codesOf(ZCreateMessageBody, { ...validMessage, is_forward: true, recipients: [] })).toEqual({
      recipients: ["TOO_SMALL"],
    });
  });

  it("reports the forward rule together with other field errors", () => {
    expect(codesOf(ZCreateMessageBody, { ...validMessage, is_forward: true, ccs: [{ email: "nope" }] })).toEqual({
      "ccs.0.email": ["INVALID"],
      recipients: ["REQUIRED"],
    });
  });

  it("caps ccs at 48", () => {
    const cc = (i: number) => ({ email: `cc${i}@example.com` });
    expect(ZCreateMessageBody.safeParse({ ...validMessage, ccs: Array.from({ length: 48 }, (_, i) => cc(i)) }).success).toBe(true);
    const details = detailsOf(ZCreateMessageBody, { ...validMessage, ccs: Array.from({ length: 49 }, (_, i) => cc(i)) });
    expect(details).toEqual({ ccs: [{ code: "TOO_BIG", message: "Must have at most 48 items." }] });
  });

  it("names a bad email by its full path", () => {
    const ccs = [{ email: "a@example.com" }, { email: "b@example.com" }, { email: "c@example.com" }, { email: "not-an-email" }];
    expect(detailsOf(ZCreateMessageBody, { ...validMessage, ccs })).toEqual({
      "ccs.3.email": [{ code: "INVALID", message: "Must be a valid email address." }],
    });
  });

  it("tells REQUIRED from INVALID from TOO_BIG", () => {
    expect(codesOf(ZCreateMessageBody, { type: "memo", content: "x".repeat(1_048_577), send_email: "yes" })).toEqual({
      ticket_id: ["REQUIRED"],
      type: ["INVALID"],
      content: ["TOO_BIG"],
      send_email: ["INVALID"],
    });
  });

  it("detects missing fields without the input too", () => {
    const details = detailsOf(ZCreateMessageBody, { type: "note", content: "x" }, false);
    expect(details.ticket_id).toEqual([{ code: "REQUIRED", message: "This field is required." }]);
  });

  it("treats blank content as too small", () => {
    expect(codesOf(ZCreateMessageBody, { ...validMessage, content: "   " })).toEqual({ content: ["TOO_SMALL"] });
  });

  it("validates ticket_update strictly but accepts closed", () => {
    expect(ZCreateMessageBody.parse({ ...validMessage, ticket_update: { status: "closed" } }).ticket_update).toEqual({
      status: "closed",
    });
    expect(codesOf(ZCreateMessageBody, { ...validMessage, ticket_update: { status: "done", colour: "red" } })).toEqual({
      "ticket_update.status": ["INVALID"],
      "ticket_update.colour": ["INVALID"],
    });
  });

  it("validates attachment references", () => {
    const attachments = [{ token: "" }, { token: "t", size: -1 }];
    expect(codesOf(ZCreateMessageBody, { ...validMessage, attachments })).toEqual({
      "attachments.0.token": ["TOO_SMALL"],
      "attachments.1.size": ["TOO_SMALL"],
    });
    expect(codesOf(ZCreateMessageBody, { ...validMessage, attachments: [{}] })).toEqual({ "attachments.0.token": ["REQUIRED"] });
  });

  it("uses the key body for a root-level issue", () => {
    expect(codesOf(ZCreateMessageBody, "not an object")).toEqual({ body: ["INVALID"] });
    expect(codesOf(ZCreateMessageBody, [])).toEqual({ body: ["INVALID"] });
  });
});

describe("email address", () => {
  it("trims the email, accepts a null name, caps the length", () => {
    expect(ZEmailAddress.parse({ email: "  a@example.com ", name: null })).toEqual({ email: "a@example.com", name: null });
    const long = `${"a".repeat(250)}@example.com`;
    expect(codesOf(ZEmailAddress, { email: long })).toMatchObject({ email: expect.arrayContaining(["TOO_BIG"]) });
    expect(codesOf(ZEmailAddress, { email: "a@example.com", name: "n".repeat(201) })).toEqual({ name: ["TOO_BIG"] });
  });
});

describe("tickets", () => {
  it("validates a create body", () => {
    const body = { subject: "  Printer on fire ", requester_email: "r@example.com", tags: [" hardware "], extra: true };
    expect(ZCreateTicketBody.parse(body)).toEqual({ subject: "Printer on fire", requester_email: "r@example.com", tags: ["hardware"] });
    expect(codesOf(ZCreateTicketBody, { subject: "", tags: Array.from({ length: 21 }, () => "t") })).toEqual({
      subject: ["TOO_SMALL"],
      requester_email: ["REQUIRED"],
      tags: ["TOO_BIG"],
    });
  });

  it("lets assignee_id be null to unassign", () => {
    expect(ZUpdateTicketBody.parse({ assignee_id: null })).toEqual({ assignee_id: null });
    expect(codesOf(ZUpdateTicketBody, { assignee_id: "tkt_1" })).toEqual({ assignee_id: ["INVALID"] });
  });
});

describe("responses and errors", () => {
  it("describes a message and a paginated list", () => {
    const message = {
      id: "msg_01jxa7q6z3c4v5b6n7m8k9h0gf",
      ticketId: TICKET_ID,
      type: "note",
      content: "<p>x</p>",
      textContent: "x",
      authorId: "usr_01jxa7q6z3c4v5b6n7m8k9h0gf",
      from: null,
      source: "console",
      attachments: [],
      ccs: [{ email: "a@example.com", name: null }],
      recipients: [],
      isForward: false,
      delivery: { status: "not_sent", attempts: 0, lastError: null },
      undoableUntil: null,
      createdAt: "2025-01-02T03:04:05.678Z",
      updatedAt: "2025-01-02T03:04:05.678Z",
    };
    // A customer's mail (CONTRACT §11): no author, the sender in `from`.
    const mail = { ...message, type: "request", authorId: null, from: { email: "ann@customer.test", name: "Ann" }, source: "email" };
    const list = { data: [message, mail], pagination: { page: 1, limit: 50, total: 2, totalPages: 1, hasMore: false } };
    expect(paginated(ZMessage).parse(list)).toEqual(list);
    expect(() => ZMessage.parse({ ...message, source: "fax" })).toThrow();
  });

  it("maps every error code to its status", () => {
    expect(ERROR_CODES.VALIDATION_ERROR).toBe(422);
    expect(ERROR_CODES.CLOSED_STATUS_SYSTEM_ONLY).toBe(403);
    expect(Object.keys(ERROR_CODES)).toHaveLength(15);
    const envelope = { error: { code: "TICKET_CLOSED", message: "The ticket is closed.", status: 403 } };
    expect(ZErrorEnvelope.parse(envelope)).toEqual(envelope);
    expect(ZErrorEnvelope.safeParse({ error: { code: "NOPE", message: "", status: 1 } }).success).toBe(false);
  });

  it("ranks roles", () => {
    expect(ROLE_RANK.viewer < ROLE_RANK.agent && ROLE_RANK.agent < ROLE_RANK.admin).toBe(true);
  });

  it("validates sign-in bodies", () => {
    expect(codesOf(ZSignInBody, { email: "a@example.com", password: "p".repeat(201) })).toEqual({ password: ["TOO_BIG"] });
  });
});

describe("inbound email settings (CONTRACT §11)", () => {
  it("reads the inbound addresses lower-cased and names a bad one's variable", () => {
    const parsed = parseServerEnv({ HELPDESK_INBOUND_ADDRESSES: " Support@Example.com, help@example.com " });
    expect(parsed.ok && parsed.config.HELPDESK_INBOUND_ADDRESSES).toEqual(["support@example.com", "help@example.com"]);
    expect(parseServerEnv({ HELPDESK_INBOUND_ADDRESSES: "support@example.com, not-an-address" })).toMatchObject({ ok: false, problem: expect.stringMatching(/^HELPDESK_INBOUND_ADDRESSES: /) });
  });

  it("refuses a short inbound secret, a non-IMAP URL and a bad SMTP port", () => {
    for (const [name, value] of [["HELPDESK_INBOUND_SECRET", "short"], ["HELPDESK_IMAP_URL", "https://mail.example.com"], ["HELPDESK_INBOUND_SMTP_PORT", "70000"]]) {
      expect(parseServerEnv({ [name as string]: value })).toMatchObject({ ok: false, problem: expect.stringMatching(new RegExp(`^${name}: `)) });
    }
    expect(parseServerEnv({ HELPDESK_IMAP_URL: "imaps://user%40example.com:p%40ss@imap.example.com/INBOX", HELPDESK_INBOUND_SMTP_PORT: "2525" }).ok).toBe(true);
  });
});
