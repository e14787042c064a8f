// Attachments on local disk: fine for one server, or several sharing a mounted volume.
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, open, rename, rm } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { assertStorageKey, StoredFileMissing, type AttachmentStorage } from "./storage.ts";

export class LocalDiskStorage implements AttachmentStorage {
  constructor(readonly dir: string) {}

  async put(key: string, body: Readable): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(this.dir, { recursive: true });
    // Written beside the target and renamed when complete, so a reader never sees half a file under the key.
    const partial = `${target}.${randomUUID()}.partial`;
    try {
      await pipeline(body, createWriteStream(partial, { flags: "wx" }));
      await rename(partial, target);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Readable> {
    try {
      const handle = await open(this.pathOf(key), "r");
      return handle.createReadStream();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new StoredFileMissing(key);
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  private pathOf(key: string): string {
    assertStorageKey(key);
    return path.join(this.dir, key);
  }
}
