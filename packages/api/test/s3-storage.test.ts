// The S3 attachment store against a real S3-compatible server (s3rver on loopback), configured as in production:
// storageFromEnv with HELPDESK_S3_* and the SDK's credentials from AWS_* variables.
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storageFromEnv, StoredFileMissing, type AttachmentStorage } from "../src/storage/index.ts";
import { S3Storage } from "../src/storage/s3.ts";
import { startS3Server, type S3TestServer } from "./support/s3.ts";

const MB = 1024 * 1024;
let s3: S3TestServer;
let store: AttachmentStorage;
const savedEnv = { ...process.env };

beforeAll(async () => {
  s3 = await startS3Server({ prefix: "attachments/" });
  Object.assign(process.env, s3.env);
  store = storageFromEnv();
});
afterAll(async () => {
  process.env = savedEnv;
  await s3?.stop();
});

/** `size` pseudo-random bytes in 64 KiB chunks, produced only as they are read; `onRead` hears the total so far. */
function generated(size: number, seed: number, onRead: (total: number) => void = () => {}): Readable {
  let sent = 0;
  let state = seed;
  return new Readable({
    read() {
      if (sent >= size) return void this.push(null);
      const chunk = Buffer.allocUnsafe(64 * 1024);
      for (let index = 0; index < chunk.length; index += 4) {
        state = (state * 1103515245 + 12345) >>> 0;
        chunk.writeUInt32LE(state, index);
      }
      const part = chunk.subarray(0, Math.min(chunk.length, size - sent));
      sent += part.length;
      onRead(sent);
      this.push(part);
    },
  });
}

async function sha256(stream: Readable): Promise<{ hash: string; size: number }> {
  const hash = createHash("sha256");
  let size = 0;
  for await (const chunk of stream) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { hash: hash.digest("hex"), size };
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A body that yields `before` bytes and then fails, as an upload does when the client goes away. */
function failingAfter(before: number, error: Error): Readable {
  const source = generated(before, 7);
  return Readable.from(
    (async function* () {
      yield* source;
      throw error;
    })(),
  );
}

describe("S3Storage on an S3-compatible server", () => {
  it("is the store storageFromEnv picks when HELPDESK_S3_BUCKET is set", () => {
    expect(store).toBeInstanceOf(S3Storage);
  });

  it("stores a small file under the prefix and reads it back byte-identical", async () => {
    const bytes = Buffer.from("Grüße aus dem Helpdesk \u{1F4CE}\n\u0000\u00ff binary tail");
    await store.put("att_small", Readable.from([bytes]));
    expect(await s3.objectSize("attachments/att_small")).toBe(bytes.length);
    expect(await readAll(await store.get("att_small"))).toEqual(bytes);
  });

  it("stores an empty file", async () => {
    await store.put("att_empty", Readable.from([]));
    expect(await s3.objectSize("attachments/att_empty")).toBe(0);
    expect((await readAll(await store.get("att_empty"))).length).toBe(0);
  });

  it("streams a multipart-sized file both ways, never running far ahead of the server", async () => {
    const size = 64 * MB + 12_345;
    // How far the store has read the body beyond what the server has received: what it holds in memory at most.
    let lead = 0;
    let read = 0;
    await store.put(
      "att_large",
      generated(size, 42, (total) => {
        read = total;
        lead = Math.max(lead, total - s3.bytesReceived());
      }),
    );
    expect(read).toBe(size);
    // Two 5 MiB parts in flight and the next one filling: about 10 MiB, whatever the file's size.
    expect(lead / MB).toBeLessThan(16);
    expect(await s3.objectSize("attachments/att_large")).toBe(size);
    expect(await sha256(await store.get("att_large"))).toEqual(await sha256(generated(size, 42)));
  }, 120_000);

  it("replaces what a key held", async () => {
    await store.put("att_again", Readable.from([Buffer.from("first version, longer")]));
    await store.put("att_again", Readable.from([Buffer.from("second")]));
    expect((await readAll(await store.get("att_again"))).toString()).toBe("second");
  });

  it("deletes a file, and deleting a missing key is not an error", async () => {
    await store.put("att_doomed", Readable.from([Buffer.from("bye")]));
    await store.delete("att_doomed");
    expect(await s3.objectSize("attachments/att_doomed")).toBeUndefined();
    await expect(store.delete("att_doomed")).resolves.toBeUndefined();
    await expect(store.delete("att_never_there")).resolves.toBeUndefined();
  });

  it("rejects a missing key with StoredFileMissing", async () => {
    await expect(store.get("att_missing")).rejects.toBeInstanceOf(StoredFileMissing);
    await store.put("att_gone", Readable.from([Buffer.from("x")]));
    await s3.deleteObject("attachments/att_gone");
    await expect(store.get("att_gone")).rejects.toThrow(StoredFileMissing);
  });

  it.each([
    ["in one part", 1 * MB],
    ["after a part was uploaded", 12 * MB],
  ])("leaves nothing under the key when the body fails %s, and rejects with the body's error", async (_case, before) => {
    const failure = new Error("client went away");
    const key = `att_failed_${before}`;
    await expect(store.put(key, failingAfter(before, failure))).rejects.toBe(failure);
    expect(await s3.objectSize(`attachments/${key}`)).toBeUndefined();
  }, 60_000);

  it("refuses keys that are not generated ids before asking the server", async () => {
    const before = await s3.listKeys();
    for (const key of ["Bericht März.pdf", "a b", "../escape", "a/b", "/etc/passwd", "ATT_upper", "", "x".repeat(101)]) {
      await expect(store.put(key, Readable.from([Buffer.from("x")])), key).rejects.toThrow(/Invalid storage key/);
      await expect(store.get(key), key).rejects.toThrow(/Invalid storage key/);
      await expect(store.delete(key), key).rejects.toThrow(/Invalid storage key/);
    }
    expect(await s3.listKeys()).toEqual(before);
  });

  it("keeps every object under its store's prefix, so stores sharing a bucket do not collide", async () => {
    const tenantA = storageFromEnv({ ...process.env, HELPDESK_S3_PREFIX: "tenant-a/" });
    const tenantB = storageFromEnv({ ...process.env, HELPDESK_S3_PREFIX: "tenant-b/" });
    await tenantA.put("att_shared", Readable.from([Buffer.from("A")]));
    await tenantB.put("att_shared", Readable.from([Buffer.from("B")]));
    expect((await readAll(await tenantA.get("att_shared"))).toString()).toBe("A");
    await tenantB.delete("att_shared");
    expect((await readAll(await tenantA.get("att_shared"))).toString()).toBe("A");
    expect(await s3.listKeys()).toContain("tenant-a/att_shared");
    const outside = (await s3.listKeys()).filter((key) => !/^(attachments|tenant-a|tenant-b)\//.test(key));
    expect(outside).toEqual([]);
  });
});
