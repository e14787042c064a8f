// Attachments over HTTP with the S3 store (CONTRACT section 6), against a real S3-compatible server (s3rver on
// loopback): the server picks the store from HELPDESK_S3_* as in production, and the bytes never touch local disk.
import { deleteExpiredUploads, getAttachmentStorage } from "@helpdesk/api";
import { startS3Server, type S3TestServer } from "@helpdesk/api/test-support/s3";
import { getDb } from "@helpdesk/db";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { dispositionName, download, expireUpload, randomBytes, storedFiles, upload, uploadOk, uploadRow } from "./support/uploads.ts";
import { useApi } from "./support/api.ts";
import { createTicket, expectError, postMessage } from "./support/fixtures.ts";

const MB = 1024 * 1024;
const PREFIX = "helpdesk-files/";
let s3: S3TestServer;
const savedEnv = { ...process.env };

beforeAll(async () => {
  s3 = await startS3Server({ prefix: PREFIX });
  Object.assign(process.env, s3.env);
});
afterAll(async () => {
  process.env = savedEnv;
  await s3?.stop();
});
afterEach(() => {
  delete process.env.HELPDESK_MAX_UPLOAD_BYTES;
});

const { api, users: [agent, viewer] } = useApi({ roles: ["agent", "viewer"] });

/** The bucket key of an upload, from its row. */
async function objectKeyOf(token: string): Promise<string> {
  return PREFIX + (await uploadRow(token))!.storageKey;
}

describe("attachments in S3", () => {
  it("upload, attach to a message and download: byte-identical, with its name, size and type", async () => {
    const ticket = await createTicket(api, agent.token);
    // Larger than one 5 MiB part, so the upload to S3 is a real multipart upload.
    const data = randomBytes(12 * MB + 321, 11);
    const name = "Bericht März/2024 – 日本語 😀.pdf";
    const uploaded = await uploadOk(api, agent.token, { name, type: "application/pdf", data });
    expect(uploaded).toMatchObject({ name, size: data.length, contentType: "application/pdf" });
    const key = await objectKeyOf(uploaded.token);
    // The generated id is the key, under the prefix; the client's name is not part of it.
    expect(key).toMatch(/^helpdesk-files\/att_[0-9a-z]{26}$/);
    expect(await s3.objectSize(key)).toBe(data.length);
    expect(await storedFiles()).toEqual([]);

    const response = await postMessage(api, agent.token, { ticket_id: ticket.id, attachments: [{ token: uploaded.token }] });
    expect(response.status).toBe(201);
    const [attachment] = response.body.attachments;
    expect(attachment).toMatchObject({ name, size: data.length, contentType: "application/pdf" });

    const file = await download(api, viewer.token, attachment.url);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("application/pdf");
    expect(file.headers.get("content-length")).toBe(String(data.length));
    expect(dispositionName(file.headers.get("content-disposition"))).toBe(name);
    expect(file.bytes.length).toBe(data.length);
    expect(Buffer.from(file.bytes).equals(Buffer.from(data))).toBe(true);
  }, 60_000);

  it("413 over the upload limit after the multipart upload to S3 has begun, and no object under the key", async () => {
    process.env.HELPDESK_MAX_UPLOAD_BYTES = String(7 * MB);
    const before = await s3.listKeys();
    expectError(await upload(api, agent.token, { name: "big.bin", data: randomBytes(12 * MB, 3) }), 413, "PAYLOAD_TOO_LARGE");
    expect(await s3.listKeys()).toEqual(before);
  }, 60_000);

  it("404 NOT_FOUND when the file is gone from the bucket", async () => {
    const uploaded = await uploadOk(api, agent.token, { name: "vanishing.txt", type: "text/plain", data: "soon gone" });
    const row = await uploadRow(uploaded.token);
    await s3.deleteObject(PREFIX + row!.storageKey);
    const file = await download(api, agent.token, `/helpdesk/api/attachments/${row!.id}`);
    expect(file.status).toBe(404);
    expect(file.json().error).toMatchObject({ code: "NOT_FOUND", status: 404 });
  });

  it("the upload cleanup deletes an expired, never attached upload from the bucket and keeps the others", async () => {
    const ticket = await createTicket(api, agent.token);
    const expired = await uploadOk(api, agent.token, { name: "old.txt", data: "old" });
    const fresh = await uploadOk(api, agent.token, { name: "new.txt", data: "new" });
    const attached = await uploadOk(api, agent.token, { name: "kept.txt", data: "kept" });
    expect((await postMessage(api, agent.token, { ticket_id: ticket.id, attachments: [{ token: attached.token }] })).status).toBe(201);
    const keys = { expired: await objectKeyOf(expired.token), fresh: await objectKeyOf(fresh.token), attached: await objectKeyOf(attached.token) };
    // A clock of our own, long past, so that this cleanup touches only the rows expired before it here, not other
    // test files' uploads in the shared database. `fresh` keeps its hour.
    const now = new Date("2000-01-01T00:00:00.000Z");
    await expireUpload(expired.token, new Date(now.getTime() - 1000));
    await expireUpload(attached.token, new Date(now.getTime() - 1000));

    expect(await deleteExpiredUploads(getDb(), getAttachmentStorage(), now)).toBe(1);
    expect(await uploadRow(expired.token)).toBeNull();
    expect(await s3.objectSize(keys.expired)).toBeUndefined();
    expect(await s3.objectSize(keys.fresh)).toBe(3);
    expect(await s3.objectSize(keys.attached)).toBe(4);
  });
});
