// Uploads and downloads stream: a file of several hundred megabytes, generated on the fly, leaves the server's memory
// flat. The server runs in this process, so this process's RSS is what is measured.
import { request } from "node:http";
import { stat } from "node:fs/promises";
import path from "node:path";
import { getDb } from "@helpdesk/db";
import { beforeAll, expect, it } from "vitest";
import { attachmentsDir } from "./support/uploads.ts";
import { signInAs, useApi } from "./support/api.ts";

const FILE_BYTES = 300 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, "helpdesk ");
const MB = 1024 * 1024;

// Registered before useApi's, so it runs before the server starts.
beforeAll(() => {
  process.env.HELPDESK_MAX_UPLOAD_BYTES = String(FILE_BYTES);
});
const { api } = useApi();

/** The peak RSS growth over `baseline` while `work` runs, sampled as the event loop turns. */
async function peakGrowth<T>(work: () => Promise<T>): Promise<{ result: T; growthMb: number }> {
  globalThis.gc?.();
  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 10);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { result, growthMb: (peak - baseline) / MB };
  } finally {
    clearInterval(sampler);
  }
}

function uploadGenerated(token: string, size: number): Promise<{ status: number; body: any }> {
  const boundary = "----helpdesk-memory-test";
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const url = new URL(`${api.baseUrl}/attachments`);
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: "POST",
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": `multipart/form-data; boundary=${boundary}`,
        "content-length": head.length + size + tail.length,
      },
    });
    req.on("error", reject);
    req.on("response", (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk) => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
    });
    let sent = 0;
    const write = () => {
      if (sent === 0 && !req.write(head)) return void req.once("drain", write);
      while (sent < size) {
        const chunk = CHUNK.subarray(0, Math.min(CHUNK.length, size - sent));
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", write);
      }
      req.end(tail);
    };
    write();
  });
}

it(`keeps RSS flat while uploading and downloading ${FILE_BYTES / MB} MB`, async () => {
  const { token } = await signInAs(api, "agent");
  const up = await peakGrowth(() => uploadGenerated(token, FILE_BYTES));
  expect(up.result.status, JSON.stringify(up.result.body)).toBe(201);
  expect(up.result.body.size).toBe(FILE_BYTES);
  const row = await getDb().attachment.findFirstOrThrow({ where: { size: FILE_BYTES, uploaderId: { not: "" } }, orderBy: { createdAt: "desc" } });
  expect((await stat(path.join(attachmentsDir, row.storageKey))).size).toBe(FILE_BYTES);

  const down = await peakGrowth(async () => {
    const response = await fetch(`${api.baseUrl}/attachments/${row.id}`, { headers: { authorization: `Bearer ${token}` } });
    let received = 0;
    for await (const chunk of response.body!) received += chunk.length;
    return received;
  });
  expect(down.result).toBe(FILE_BYTES);

  console.log(`RSS growth: upload ${up.growthMb.toFixed(1)} MB, download ${down.growthMb.toFixed(1)} MB for a ${FILE_BYTES / MB} MB file`);
  expect(up.growthMb).toBeLessThan(100);
  expect(down.growthMb).toBeLessThan(100);
}, 120_000);
