// Attachments in an S3-compatible object store, so that several servers share the files.
// Tested against a real S3-compatible server (s3rver) in test/s3-storage.test.ts.
import type { S3Client } from "@aws-sdk/client-s3";
import type { Readable } from "node:stream";
import { assertStorageKey, StoredFileMissing, type AttachmentStorage } from "./storage.ts";

export interface S3StorageOptions {
  bucket: string;
  region: string;
  /** For MinIO, R2 and the like; such stores want path-style addressing. */
  endpoint?: string;
  prefix: string;
}

// S3's smallest part. Each upload holds at most this many parts in memory while they are sent.
const PART_SIZE = 5 * 1024 * 1024;
const PARTS_IN_FLIGHT = 2;

export class S3Storage implements AttachmentStorage {
  private client?: Promise<S3Client>;

  constructor(readonly options: S3StorageOptions) {}

  async put(key: string, body: Readable): Promise<void> {
    const { Upload } = await import("@aws-sdk/lib-storage");
    // A multipart upload: the file is streamed, never held whole. A failed upload is aborted by lib-storage, so
    // nothing is left under the key.
    const upload = new Upload({
      client: await this.s3(),
      params: { Bucket: this.options.bucket, Key: this.objectKey(key), Body: body },
      partSize: PART_SIZE,
      queueSize: PARTS_IN_FLIGHT,
    });
    try {
      await upload.done();
    } catch (error) {
      // When the body failed (too large, the client went away), that is the cause the caller must see: lib-storage
      // reports a failure of its clean-up (aborting the multipart upload) in its place.
      throw body.errored ?? error;
    }
  }

  async get(key: string): Promise<Readable> {
    const { GetObjectCommand } = await import("@aws-sdk/client-s3");
    try {
      const answer = await (await this.s3()).send(new GetObjectCommand({ Bucket: this.options.bucket, Key: this.objectKey(key) }));
      return answer.Body as Readable;
    } catch (error) {
      if ((error as { name?: string }).name === "NoSuchKey") throw new StoredFileMissing(key);
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    const { DeleteObjectCommand } = await import("@aws-sdk/client-s3");
    await (await this.s3()).send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: this.objectKey(key) }));
  }

  private objectKey(key: string): string {
    assertStorageKey(key);
    return this.options.prefix + key;
  }

  // The SDK is loaded only when S3 is configured; credentials come from the SDK's standard chain (AWS_* variables, profiles, roles).
  private s3(): Promise<S3Client> {
    this.client ??= import("@aws-sdk/client-s3").then(
      ({ S3Client }) =>
        new S3Client({ region: this.options.region, endpoint: this.options.endpoint, forcePathStyle: Boolean(this.options.endpoint) }),
    );
    return this.client;
  }
}
