// Uploading and downloading as an API client does, with the files kept in a throwaway directory per test file.
import { createHash } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { getDb } from "@helpdesk/db";
import { afterAll } from "vitest";
import type { TestApi } from "./api.ts";

/** Imported before any upload: this file's uploads land here, not in the repository's .data/. */
export const attachmentsDir = mkdtempSync(path.join(tmpdir(), "helpdesk-attachments-"));
process.env.HELPDESK_ATTACHMENTS_DIR = attachmentsDir;
afterAll(() => rm(attachmentsDir, { recursive: true, force: true }));

export const storedFiles = () => readdir(attachmentsDir);

export interface UploadFile {
  name: string;
  type?: string;
  data: Uint8Array<ArrayBuffer> | string;
}

export async function upload(api: TestApi, token: string | undefined, file: UploadFile, field = "file") {
  const form = new FormData();
  form.append(field, new Blob([file.data], { type: file.type ?? "application/octet-stream" }), file.name);
  return send(api, token, form);
}

/** Any body, as raw bytes with the given Content-Type. */
export async function send(api: TestApi, token: string | undefined, body: FormData | string, headers: Record<string, string> = {}) {
  const response = await fetch(`${api.baseUrl}/attachments`, {
    method: "POST",
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body,
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

export async function uploadOk(api: TestApi, token: string, file: UploadFile) {
  const response = await upload(api, token, file);
  if (response.status !== 201) throw new Error(`upload failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as { token: string; name: string; size: number; contentType: string; expiresAt: string };
}

/** `url` as a Message's attachment has it: a path under the API's origin. */
export async function download(api: TestApi, token: string | undefined, url: string) {
  const origin = new URL(api.baseUrl).origin;
  const response = await fetch(origin + url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, bytes, json: () => JSON.parse(new TextDecoder().decode(bytes)) };
}

/** An upload token as the attachments table keeps it: only its SHA-256. */
export const tokenHash = (token: string) => createHash("sha256").update(token).digest("hex");
export const uploadRow = (token: string) => getDb().attachment.findUnique({ where: { tokenHash: tokenHash(token) } });
/** Ends an upload token's hour now (a second ago), or at `at`. */
export const expireUpload = (token: string, at = new Date(Date.now() - 1000)) =>
  getDb().attachment.update({ where: { tokenHash: tokenHash(token) }, data: { expiresAt: at } });

export const attachmentUrl = (id: string) => `/helpdesk/api/attachments/${id}`;

/** Decodes `filename*=UTF-8''…` of a Content-Disposition header. */
export function dispositionName(header: string | null): string | undefined {
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(header ?? "")?.[1];
  return encoded === undefined ? undefined : decodeURIComponent(encoded);
}

export function randomBytes(size: number, seed = 1): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  let state = seed;
  for (let index = 0; index < size; index++) {
    state = (state * 1103515245 + 12345) >>> 0;
    bytes[index] = state >>> 24;
  }
  return bytes;
}
