// CONTRACT section 6, attachments: POST /attachments (upload tokens) and GET /attachments/:attachmentId.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { attachmentsDir, attachmentUrl, dispositionName, download, expireUpload, randomBytes, send, storedFiles, upload, uploadOk, uploadRow } from "./support/uploads.ts";
import { useApi } from "./support/api.ts";
import { expectError, expectValidation, ISO_UTC_MS } from "./support/fixtures.ts";

const { api, users: [agent, otherAgent, viewer] } = useApi({ roles: ["agent", "agent", "viewer"] });
afterEach(() => {
  delete process.env.HELPDESK_MAX_UPLOAD_BYTES;
});


describe("POST /attachments", () => {
  it("stores the file and answers a one-hour token, of which only the hash is kept", async () => {
    const data = randomBytes(200_000);
    const before = Date.now();
    const response = await upload(api, agent.token, { name: "report.pdf", type: "application/pdf", data });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      name: "report.pdf",
      size: 200_000,
      contentType: "application/pdf",
      expiresAt: expect.stringMatching(ISO_UTC_MS),
    });
    const lifetime = Date.parse(response.body.expiresAt) - before;
    expect(lifetime).toBeGreaterThan(3_595_000);
    expect(lifetime).toBeLessThanOrEqual(3_600_000 + 5_000);
    const row = await uploadRow(response.body.token);
    expect(row).toMatchObject({ uploaderId: agent.user.id, messageId: null, size: 200_000, name: "report.pdf" });
    expect(JSON.stringify(row)).not.toContain(response.body.token);
    expect(new Uint8Array(await readFile(path.join(attachmentsDir, row!.storageKey)))).toEqual(data);
  });

  it("accepts an empty file and a file of exactly the limit", async () => {
    process.env.HELPDESK_MAX_UPLOAD_BYTES = "1024";
    expect((await upload(api, agent.token, { name: "empty.txt", data: "" })).body).toMatchObject({ size: 0 });
    expect((await upload(api, agent.token, { name: "full.bin", data: randomBytes(1024) })).status).toBe(201);
  });

  it("413 PAYLOAD_TOO_LARGE over HELPDESK_MAX_UPLOAD_BYTES, leaving nothing in storage", async () => {
    process.env.HELPDESK_MAX_UPLOAD_BYTES = "1024";
    const before = await storedFiles();
    expectError(await upload(api, agent.token, { name: "big.bin", data: randomBytes(1025) }), 413, "PAYLOAD_TOO_LARGE");
    // Far over the limit: answered while the client is still sending.
    expectError(await upload(api, agent.token, { name: "huge.bin", data: randomBytes(8 * 1024 * 1024) }), 413, "PAYLOAD_TOO_LARGE");
    expect(await storedFiles()).toEqual(before);
  });

  it("applies the 25 MiB default", async () => {
    const before = await storedFiles();
    expectError(await upload(api, agent.token, { name: "big.bin", data: new Uint8Array(26_214_401) }), 413, "PAYLOAD_TOO_LARGE");
    expect(await storedFiles()).toEqual(before);
  });

  it("422 at `file` when the form has no file there", async () => {
    const onlyText = new FormData();
    onlyText.append("file", "just a string, not a file");
    expectValidation(await send(api, agent.token, onlyText), "file", "REQUIRED");
    expectValidation(await upload(api, agent.token, { name: "a.txt", data: "x" }, "document"), "file", "REQUIRED");
    expectValidation(await send(api, agent.token, new FormData()), "file", "REQUIRED");
  });

  it("415 for a body that is not multipart/form-data, 400 for a broken one", async () => {
    expectError(await send(api, agent.token, JSON.stringify({ file: "x" }), { "content-type": "application/json" }), 415, "UNSUPPORTED_MEDIA_TYPE");
    expectError(await send(api, agent.token, "x", { "content-type": "text/plain" }), 415, "UNSUPPORTED_MEDIA_TYPE");
    expectError(await send(api, agent.token, "x", { "content-type": "multipart/form-data" }), 400, "BAD_REQUEST");
    const cutOff = '--b\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nhalf a fi';
    expectError(await send(api, agent.token, cutOff, { "content-type": "multipart/form-data; boundary=b" }), 400, "BAD_REQUEST");
  });

  it("401 without a session, 403 for a viewer, and nothing stored", async () => {
    const before = await storedFiles();
    expectError(await upload(api, undefined, { name: "a.txt", data: "x" }), 401, "UNAUTHORIZED");
    expectError(await upload(api, viewer.token, { name: "a.txt", data: "x" }), 403, "FORBIDDEN");
    expect(await storedFiles()).toEqual(before);
  });

  it("accepts the console's session cookie", async () => {
    const form = new FormData();
    form.append("file", new Blob(["from the console"], { type: "text/plain" }), "note.txt");
    const response = await fetch(`${api.baseUrl}/attachments`, {
      method: "POST",
      headers: { cookie: `next-auth.session-token=${agent.token}` },
      body: form,
    });
    expect(response.status).toBe(201);
  });
});

describe("GET /attachments/:attachmentId", () => {
  async function attached(file: Parameters<typeof uploadOk>[2]) {
    const uploaded = await uploadOk(api, agent.token, file);
    const row = await uploadRow(uploaded.token);
    return { uploaded, id: row!.id };
  }

  it("round-trips a name with quotes, slashes and non-ASCII characters", async () => {
    const name = 'Q3 "final" report/v2\\draft – Ünïcödé 日本語 😀.txt';
    const { uploaded, id } = await attached({ name, type: "text/plain", data: "hello" });
    expect(uploaded.name).toBe(name);
    const response = await download(api, agent.token, attachmentUrl(id));
    expect(response.status).toBe(200);
    const disposition = response.headers.get("content-disposition")!;
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]*"; filename\*=UTF-8''[A-Za-z0-9%._~!-]+$/);
    const fallback = /filename="([^"]*)"/.exec(disposition)![1]!;
    expect(fallback).not.toMatch(/["\\/]/);
    expect(dispositionName(disposition)).toBe(name);
    expect(new TextDecoder().decode(response.bytes)).toBe("hello");
  });

  it("serves an HTML file as a download that never renders", async () => {
    const html = "<!doctype html><script>alert(document.cookie)</script>";
    const { id } = await attached({ name: "page.html", type: "text/html", data: html });
    const response = await download(api, agent.token, attachmentUrl(id));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(/^attachment;/);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-security-policy")).toContain("sandbox");
    expect(response.headers.get("content-length")).toBe(String(html.length));
    expect(new TextDecoder().decode(response.bytes)).toBe(html);
  });

  it("keeps the part's media type; a part without one is text/plain, as RFC 7578 has it", async () => {
    const { uploaded, id } = await attached({ name: "data.json", type: "application/json", data: "{}" });
    expect(uploaded.contentType).toBe("application/json");
    expect((await download(api, agent.token, attachmentUrl(id))).headers.get("content-type")).toBe("application/json");
    const untyped = '--b\r\nContent-Disposition: form-data; name="file"; filename="plain"\r\n\r\nx\r\n--b--\r\n';
    const response = await send(api, agent.token, untyped, { "content-type": "multipart/form-data; boundary=b" });
    expect(response.body).toMatchObject({ name: "plain", size: 1, contentType: "text/plain" });
  });

  it("shows an upload not yet on a message to its uploader only, until it expires", async () => {
    const { uploaded, id } = await attached({ name: "draft.txt", data: "draft" });
    expect((await download(api, agent.token, attachmentUrl(id))).status).toBe(200);
    for (const other of [otherAgent, viewer]) {
      const response = await download(api, other.token, attachmentUrl(id));
      expect(response.status).toBe(404);
      expect(response.json().error.code).toBe("NOT_FOUND");
    }
    await expireUpload(uploaded.token);
    expect((await download(api, agent.token, attachmentUrl(id))).status).toBe(404);
  });

  it("404 NOT_FOUND for an unknown or malformed id, 401 without a session", async () => {
    for (const id of ["att_01jzzzzzzzzzzzzzzzzzzzzzzz", "nope", "msg_01jzzzzzzzzzzzzzzzzzzzzzzz"]) {
      const response = await download(api, viewer.token, attachmentUrl(id));
      expect(response.status).toBe(404);
      expect(response.json().error).toMatchObject({ code: "NOT_FOUND", status: 404 });
    }
    expect((await download(api, undefined, attachmentUrl("att_01jzzzzzzzzzzzzzzzzzzzzzzz"))).json().error.code).toBe("UNAUTHORIZED");
  });

  it("404 when the stored file has gone missing", async () => {
    const { uploaded, id } = await attached({ name: "gone.txt", data: "x" });
    const row = await uploadRow(uploaded.token);
    await (await import("node:fs/promises")).rm(path.join(attachmentsDir, row!.storageKey));
    const response = await download(api, agent.token, attachmentUrl(id));
    expect(response.status).toBe(404);
    expect(response.json().error.code).toBe("NOT_FOUND");
  });
});
