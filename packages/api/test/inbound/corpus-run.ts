// Runs one corpus case (corpus.ts) through `receiveEmail`: its setup steps, its mail with the placeholders filled, and
// every expectation against the database and the attachment store. The cases share one database and run in order.
import { createHash, randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { Db } from "@helpdesk/db";
import { ZCreateMessageBody } from "@helpdesk/validators";
import { expect } from "vitest";
import { AppError } from "../../src/errors.ts";
import { receiveEmail } from "../../src/inbound/receive.ts";
import type { InboundConfig, InboundResult } from "../../src/inbound/types.ts";
import { createMessage } from "../../src/services/messages/index.ts";
import type { LocalDiskStorage } from "../../src/storage/index.ts";
import { DOMAIN, LARGE_ATTACHMENT_BYTES, OUR_ADDRESSES, type CorpusCase, type Setup } from "./corpus.ts";
import { expectCreatedMessage, expectTicket } from "./corpus-expect.ts";

const CORPUS_DIR = new URL("./corpus/", import.meta.url);
const CREATES_MESSAGE = new Set(["new_ticket", "appended", "follow_up"]);
const KEEPS_NO_ROW = new Set(["duplicate", "rejected"]);

export const INBOUND_CONFIG: InboundConfig = { addresses: OUR_ADDRESSES, fromEmail: OUR_ADDRESSES[0]!, maxBytes: 26_214_400 };

export interface CaseReport {
  name: string;
  door: string;
  expected: string;
  actual: string;
  ticketId: string | null;
  passed: boolean;
  /** The InboundEmail row the mail left, if any. */
  inboundId: string | null;
}

export interface CorpusRun {
  run(corpusCase: CorpusCase): Promise<void>;
  markFailed(name: string): void;
  reports: CaseReport[];
  /** What each case created, by case name: the tickets the placeholders and later expectations name. */
  results: Map<string, InboundResult>;
}

export function corpusRun(db: Db, storage: LocalDiskStorage, agentId: string): CorpusRun {
  const results = new Map<string, InboundResult>();
  const responses = new Map<string, string>();
  const reports: CaseReport[] = [];
  const ticketOf = (name: string) => {
    const id = results.get(name)?.ticketId;
    if (!id) throw new Error(`Case "${name}" created no ticket to refer to.`);
    return id;
  };

  async function applySetup(step: Setup) {
    if (step.kind === "close") {
      const now = new Date();
      await db.ticket.update({ where: { id: ticketOf(step.ticket) }, data: { status: "closed", closedAt: now, updatedAt: now } });
      return;
    }
    const body = ZCreateMessageBody.parse({
      ticket_id: ticketOf(step.ticket), type: "response", content: step.content,
      ccs: step.ccs?.map((email) => ({ email })), ticket_update: step.status ? { status: step.status } : undefined,
    });
    responses.set(step.name, (await createMessage(db, body, { authorId: agentId, source: "console" })).id);
  }

  async function fill(file: string): Promise<Buffer> {
    // latin1 keeps every byte of the file as it is (8-bit and NUL bytes included); the placeholders are ASCII.
    const template = await readFile(new URL(file, CORPUS_DIR), "latin1");
    const filled = template.replace(/\{\{(\w+)(?::([\w-]+))?\}\}/g, (_, kind: string, name: string) => {
      if (kind === "domain") return DOMAIN;
      if (kind === "ticket") return ticketOf(name);
      if (kind === "generated") return largeAttachmentBase64();
      const id = responses.get(name);
      if (kind !== "message" || !id) throw new Error(`Unknown placeholder {{${kind}:${name}}} in ${file}.`);
      return id;
    });
    return Buffer.from(filled, "latin1");
  }

  const counts = async () => ({ tickets: await db.ticket.count(), messages: await db.message.count() });

  async function run(corpusCase: CorpusCase) {
    for (const step of corpusCase.setup ?? []) await applySetup(step);
    const raw = await fill(corpusCase.file);
    const seen = (await db.inboundEmail.findMany({ select: { id: true } })).map((row) => row.id);
    const before = await counts();
    const report: CaseReport = { name: corpusCase.name, door: corpusCase.door, expected: corpusCase.outcome, actual: "?", ticketId: null, passed: false, inboundId: null };
    reports.push(report);
    let result: InboundResult | null = null;
    let thrown: unknown = null;
    try {
      result = await receiveEmail(db, raw, { door: corpusCase.door, envelopeFrom: corpusCase.envelopeFrom ?? null }, { storage, config: INBOUND_CONFIG });
      report.actual = result.outcome;
      report.ticketId = result.ticketId;
      results.set(corpusCase.name, result);
    } catch (error) {
      thrown = error;
      report.actual = error instanceof AppError ? `rejected (${error.code})` : `threw ${(error as Error).message}`;
    }
    const rows = await db.inboundEmail.findMany({ where: { id: { notIn: seen } } });
    report.inboundId = rows[0]?.id ?? null;

    if (corpusCase.outcome === "rejected") {
      expect(thrown).toBeInstanceOf(AppError);
      expect((thrown as AppError).code).toBe("VALIDATION_ERROR");
    } else if (thrown) {
      throw thrown;
    }
    expect(report.actual).toBe(corpusCase.outcome === "rejected" ? "rejected (VALIDATION_ERROR)" : corpusCase.outcome);

    // One row for every mail but a duplicate (and one the route refused: its relay keeps it); the original kept.
    expect(rows).toHaveLength(KEEPS_NO_ROW.has(corpusCase.outcome) ? 0 : 1);
    const row = rows[0];
    if (row) {
      expect(row).toMatchObject({ door: corpusCase.door, outcome: corpusCase.outcome, size: raw.length, messageId: result?.messageId ?? null });
      // A bounce's row may name the ticket of the mail it reports; every other row names the ticket the mail joined.
      if (corpusCase.outcome !== "bounce") expect(row.ticketId).toBe(result?.ticketId ?? null);
      expect(await storedDigest(storage, row.storageKey)).toBe(digest(raw));
      if (corpusCase.outcome === "ignored") expect(row.reason).toBeTruthy();
    }

    const after = await counts();
    const createsTicket = corpusCase.outcome === "new_ticket" || corpusCase.outcome === "follow_up";
    expect(after).toEqual({ tickets: before.tickets + (createsTicket ? 1 : 0), messages: before.messages + (CREATES_MESSAGE.has(corpusCase.outcome) ? 1 : 0) });
    if (CREATES_MESSAGE.has(corpusCase.outcome)) {
      expect(result?.ticketId).toBeTruthy();
      expect(result?.messageId).toBeTruthy();
      if (corpusCase.message) await expectCreatedMessage(db, result!.messageId!, corpusCase.message);
    } else if (result) {
      expect(result).toEqual({ outcome: corpusCase.outcome, ticketId: null, messageId: null });
    }
    if (corpusCase.ticket) await expectTicket(db, result?.ticketId ?? null, corpusCase.ticket, ticketOf);
    if (corpusCase.bounce) await expectDelivery(db, responses.get(corpusCase.bounce.response)!, "failed", corpusCase.bounce.reason);
    if (corpusCase.stillQueued) await expectDelivery(db, responses.get(corpusCase.stillQueued)!, "queued");
    report.passed = true;
  }

  const markFailed = (name: string) => {
    for (const report of reports) if (report.name === name) report.passed = false;
  };
  return { run, markFailed, reports, results };
}

/** The outgoing mails of a response and its delivery: failed with "Bounced: …" naming the reason, or still queued. */
async function expectDelivery(db: Db, messageId: string, status: "failed" | "queued", reason?: string) {
  const emails = await db.outgoingEmail.findMany({ where: { messageId }, select: { status: true, lastError: true } });
  expect(emails.length).toBeGreaterThan(0);
  for (const email of emails) {
    expect(email.status).toBe(status);
    if (reason) {
      expect(email.lastError).toMatch(/^Bounced: /);
      expect(email.lastError).toContain(reason);
    }
  }
  const message = await db.message.findUniqueOrThrow({ where: { id: messageId }, select: { deliveryStatus: true } });
  expect(message.deliveryStatus).toBe(status);
}

const digest = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

async function storedDigest(storage: LocalDiskStorage, key: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of await storage.get(key)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** The large case's attachment: random bytes, base64 in 76-character lines as a mail client writes it. */
function largeAttachmentBase64(): string {
  const encoded = randomBytes(LARGE_ATTACHMENT_BYTES).toString("base64");
  const lines: string[] = [];
  for (let start = 0; start < encoded.length; start += 76) lines.push(encoded.slice(start, start + 76));
  return lines.join("\r\n");
}
