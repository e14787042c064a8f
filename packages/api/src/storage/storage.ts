// Where attachment bytes live. Rows in the database name a key; the bytes are in one of these stores.
import type { Readable } from "node:stream";

export interface AttachmentStorage {
  /** Stores the stream under key; on failure nothing is left under key. */
  put(key: string, body: Readable): Promise<void>;
  /** The stored bytes; rejects with a `StoredFileMissing` when the key holds nothing. */
  get(key: string): Promise<Readable>;
  /** Removes the key; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
}

export class StoredFileMissing extends Error {
  constructor(readonly key: string) {
    super(`No stored file under ${key}.`);
    this.name = "StoredFileMissing";
  }
}

const KEY_PATTERN = /^[a-z0-9_]{1,100}$/;

/** Keys are generated ids; refusing anything else keeps a key from ever naming a path outside the store. */
export function assertStorageKey(key: string): void {
  if (!KEY_PATTERN.test(key)) throw new Error(`Invalid storage key "${key}".`);
}
