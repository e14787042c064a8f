// Issue 10's corpus: every mail in test/inbound/corpus goes through the inbound pipeline, in order, against a real
// PostgreSQL and a real attachment store, and must become what test/inbound/corpus.ts says. A database of this file's
// own, so that "no mail lost, none duplicated" counts every row there is.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { getDb, newId } from "@helpdesk/db";
import { createTestDatabase, type TestDatabase } from "@helpdesk/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalDiskStorage, stopJobSender } from "../src/index.ts";
import { CORPUS } from "./inbound/corpus.ts";
import { corpusRun, type CorpusRun } from "./inbound/corpus-run.ts";

let database: TestDatabase;
let storage: LocalDiskStorage;
let corpus: CorpusRun;

beforeAll(async () => {
  database = await createTestDatabase("inbound_corpus");
  // Before the first getDb(): the pipeline, the services and the job sender all use this file's database.
  process.env.DATABASE_URL = database.url;
  storage = new LocalDiskStorage(await mkdtemp(path.join(tmpdir(), "helpdesk-corpus-")));
  const agentId = newId("usr");
  await getDb().user.create({ data: { id: agentId, email: "agent@helpdesk.example", name: "Agent", role: "agent", passwordHash: "x" } });
  corpus = corpusRun(getDb(), storage, agentId);
});

afterAll(async () => {
  if (corpus) printOutcomeTable(corpus);
  await stopJobSender();
  await getDb().$disconnect();
  await database?.stop();
  if (storage) await rm(storage.dir, { recursive: true, force: true });
});

describe("the inbound corpus", () => {
  for (const corpusCase of CORPUS) {
    it(`${corpusCase.name}: ${corpusCase.about} → ${corpusCase.outcome}`, async ({ onTestFailed }) => {
      // Soft expectations fail the test after run() returns: the table must say so too.
      onTestFailed(() => corpus.markFailed(corpusCase.name));
      await corpus.run(corpusCase);
    }, 120_000);
  }

  it("lost no mail and duplicated none", async () => {
    const db = getDb();
    // Every mail but a duplicate and the one the route refused left its own InboundEmail row, and nothing else did.
    const kept = CORPUS.filter((c) => c.outcome !== "duplicate" && c.outcome !== "rejected");
    const rows = await db.inboundEmail.findMany({ select: { id: true } });
    const recorded = corpus.reports.filter((report) => report.inboundId !== null).map((report) => report.inboundId);
    expect(rows.map((row) => row.id).sort()).toEqual([...recorded].sort());
    expect(recorded).toHaveLength(kept.length);
    // Exactly one message per mail that became one: a duplicate never adds a second.
    const created = CORPUS.filter((c) => ["new_ticket", "appended", "follow_up"].includes(c.outcome));
    const messageIds = new Set([...corpus.results.values()].map((result) => result.messageId).filter((id) => id !== null));
    expect(messageIds.size).toBe(created.length);
    expect(await db.message.count({ where: { source: "email" } })).toBe(created.length);
    const linked = await db.inboundEmail.count({ where: { messageId: { not: null } } });
    expect(linked).toBe(created.length);
  });
});

function printOutcomeTable({ reports }: CorpusRun) {
  const width = Math.max(...reports.map((report) => report.name.length));
  const lines = reports.map((report) =>
    [report.passed ? "ok  " : "FAIL", report.name.padEnd(width), report.door.padEnd(4), `expected ${report.expected.padEnd(11)}`, `got ${report.actual}`].join("  "),
  );
  const lost = reports.filter((report) => report.expected !== "duplicate" && report.expected !== "rejected" && report.inboundId === null).length;
  const duplicated = reports.filter((report) => report.expected === "duplicate" && report.actual !== "duplicate").length;
  console.log(`inbound corpus: ${reports.filter((r) => r.passed).length}/${reports.length} cases as expected; lost ${lost}, duplicated ${duplicated}\n${lines.join("\n")}`);
}
