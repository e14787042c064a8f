// Upload tokens through POST /messages (each usable once, by its uploader, within the hour, with its own size),
// and the automation's cleanup of uploads that were never attached.
import { access } from "node:fs/promises";
import path from "node:path";
import { deleteExpiredUploads, getAttachmentStorage } from "@helpdesk/api";
import { getDb } from "@helpdesk/db";
import { describe, expect, it } from "vitest";
import { attachmentsDir, download, expireUpload, randomBytes, tokenHash, uploadOk } from "./support/uploads.ts";
import { useApi } from "./support/api.ts";
import { createTicket, expectValidation, messageCount, postMessage } from "./support/fixtures.ts";

const { api, users: [agent, otherAgent, viewer] } = useApi({ roles: ["agent", "agent", "viewer"] });

const exists = (file: string) => access(file).then(() => true, () => false);

describe("POST /messages with attachments", () => {
  it("attaches good tokens: the Message lists them with a download url that works for a viewer", async () => {
    const ticket = await createTicket(api, agent.token);
    const pdf = randomBytes(50_000, 7);
    const first = await uploadOk(api, agent.token, { name: "scan.pdf", type: "application/pdf", data: pdf });
    const second = await uploadOk(api, agent.token, { name: "notes.txt", type: "text/plain", data: "two" });
    const response = await postMessage(api, agent.token, {
      ticket_id: ticket.id,
      attachments: [{ token: first.token, size: first.size }, { token: second.token, name: "renamed.txt" }],
    });
    expect(response.status).toBe(201);
    expect(response.body.attachments).toEqual([
      { id: expect.stringMatching(/^att_[0-9a-z]{26}$/), name: "scan.pdf", size: 50_000, contentType: "application/pdf", url: expect.any(String) },
      { id: expect.stringMatching(/^att_/), name: "renamed.txt", size: 3, contentType: "text/plain", url: expect.any(String) },
    ]);
    const [attachment] = response.body.attachments;
    expect(attachment.url).toBe(`/helpdesk/api/attachments/${attachment.id}`);
    const file = await download(api, viewer.token, attachment.url);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("application/pdf");
    expect(file.bytes).toEqual(pdf);
  });

  it("422 at attachments.N.token for a bad, foreign, used, expired or wrongly sized token, and no message", async () => {
    const ticket = await createTicket(api, agent.token);
    const good = () => uploadOk(api, agent.token, { name: "a.txt", data: "abc" });
    const cases: Record<string, () => Promise<{ token: string; size?: number }>> = {
      bad: async () => ({ token: "not-a-token" }),
      foreign: async () => uploadOk(api, otherAgent.token, { name: "theirs.txt", data: "abc" }),
      used: async () => {
        const upload = await good();
        expect((await postMessage(api, agent.token, { ticket_id: ticket.id, attachments: [{ token: upload.token }] })).status).toBe(201);
        return upload;
      },
      expired: async () => {
        const upload = await good();
        await expireUpload(upload.token);
        return upload;
      },
      "size mismatch": async () => ({ ...(await good()), size: 4 }),
    };
    for (const [label, make] of Object.entries(cases)) {
      const fine = await good();
      const ref = await make();
      const before = await messageCount(ticket.id);
      const response = await postMessage(api, agent.token, {
        ticket_id: ticket.id,
        attachments: [{ token: fine.token }, { token: ref.token, ...(ref.size === undefined ? {} : { size: ref.size }) }],
      });
      expect(response.status, label).toBe(422);
      expectValidation(response, "attachments.1.token", "INVALID");
      expect(Object.keys(response.body.error.details), label).toEqual(["attachments.1.token"]);
      expect(await messageCount(ticket.id), label).toBe(before);
      // The good token of the refused message was not spent.
      expect((await postMessage(api, agent.token, { ticket_id: ticket.id, attachments: [{ token: fine.token }] })).status, label).toBe(201);
    }
  });

  it("gives a token to exactly one of two messages racing for it", async () => {
    const ticket = await createTicket(api, agent.token);
    const upload = await uploadOk(api, agent.token, { name: "race.txt", data: "race" });
    const answers = await Promise.all(
      [1, 2, 3].map(() => postMessage(api, agent.token, { ticket_id: ticket.id, attachments: [{ token: upload.token }] })),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 422, 422]);
  });
});

describe("deleteExpiredUploads (run by the automation runner)", () => {
  it("removes expired uploads that were never attached, row and file, and keeps everything else", async () => {
    const ticket = await createTicket(api, agent.token);
    const expired = await uploadOk(api, agent.token, { name: "old.txt", data: "old" });
    const fresh = await uploadOk(api, agent.token, { name: "new.txt", data: "new" });
    const attached = await uploadOk(api, agent.token, { name: "kept.txt", data: "kept" });
    expect((await postMessage(api, agent.token, { ticket_id: ticket.id, attachments: [{ token: attached.token }] })).status).toBe(201);
    const past = new Date(Date.now() - 2 * 3_600_000);
    await expireUpload(expired.token, past);
    await expireUpload(attached.token, past);
    const rows = await getDb().attachment.findMany({ where: { tokenHash: { in: [expired, fresh, attached].map((u) => tokenHash(u.token)) } } });
    const keyOf = (token: string) => path.join(attachmentsDir, rows.find((row) => row.tokenHash === tokenHash(token))!.storageKey);

    expect(await deleteExpiredUploads(getDb(), getAttachmentStorage())).toBeGreaterThanOrEqual(1);
    const left = await getDb().attachment.findMany({ where: { id: { in: rows.map((row) => row.id) } }, select: { tokenHash: true } });
    expect(left.map((row) => row.tokenHash).sort()).toEqual([tokenHash(fresh.token), tokenHash(attached.token)].sort());
    expect(await exists(keyOf(expired.token))).toBe(false);
    expect(await exists(keyOf(fresh.token))).toBe(true);
    expect(await exists(keyOf(attached.token))).toBe(true);
  });
});
