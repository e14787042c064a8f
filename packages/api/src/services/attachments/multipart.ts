// Receives the one file of a multipart/form-data body and streams it into storage: never held whole in memory.
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import busboy from "busboy";
import { UPLOAD_FILE_FIELD, unstorableCharacter } from "@helpdesk/validators";
import { AppError } from "../../errors.ts";
import type { AttachmentStorage } from "../../storage/index.ts";

export interface ReceivedFile {
  name: string;
  size: number;
  contentType: string;
}

export interface ReceiveOptions {
  storage: AttachmentStorage;
  key: string;
  maxBytes: number;
}

/** The file stored under `key`, or null when the body has no file in the `file` field. */
export function receiveFile(body: ReadableStream<Uint8Array> | null, contentType: string, options: ReceiveOptions): Promise<ReceivedFile | null> {
  const parser = createParser(contentType, options.maxBytes);
  return new Promise((resolve, reject) => {
    let stored: Promise<ReceivedFile> | undefined;
    parser.on("file", (field, file, info) => {
      if (field !== UPLOAD_FILE_FIELD || stored) {
        file.resume();
        return;
      }
      const unstorable = unstorableCharacter(info.filename ?? "");
      stored = unstorable ? refuseFile(file, unstorable) : storeFile(file, info, options);
      // A failed store (the file is too large, the disk is full) answers at once, without waiting for the rest of the body.
      stored.catch((error: unknown) => reject(asUploadError(error)));
    });
    const source = body ? Readable.fromWeb(body as import("node:stream/web").ReadableStream<Uint8Array>) : Readable.from([]);
    pipeline(source, parser).then(
      () => (stored ?? Promise.resolve(null)).then(resolve, (error: unknown) => reject(asUploadError(error))),
      // Busboy has destroyed the file stream, so the store fails too and removes what it wrote; wait for that.
      async (error: unknown) => {
        await stored?.catch(() => {});
        reject(asUploadError(error));
      },
    );
  });
}

function createParser(contentType: string, maxBytes: number) {
  try {
    return busboy({
      headers: { "content-type": contentType },
      // Browsers send file names as raw UTF-8.
      defParamCharset: "utf8",
      preservePath: true,
      // One byte over the limit is how busboy tells "too large" from "exactly the limit".
      limits: { fileSize: maxBytes + 1, files: 5, fields: 20, fieldSize: 64 * 1024, parts: 25, headerPairs: 100 },
    });
  } catch {
    throw new AppError("BAD_REQUEST", "The multipart/form-data body has no boundary.");
  }
}

/** A file whose name PostgreSQL could not store is not stored at all: a 422 at `file`, its bytes read and dropped. */
function refuseFile(file: Readable, character: string): Promise<never> {
  file.resume();
  return Promise.reject(
    new AppError("VALIDATION_ERROR", "Some fields contain characters that cannot be stored.", {
      [UPLOAD_FILE_FIELD]: [{ code: "INVALID", message: `The file name must not contain ${character}.` }],
    }),
  );
}

function storeFile(file: Readable, info: busboy.FileInfo, { storage, key, maxBytes }: ReceiveOptions): Promise<ReceivedFile> {
  let size = 0;
  const counted = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      done(null, chunk);
    },
  });
  // The store may not be listening yet when the file fails; it still sees the error through `counted.errored`.
  counted.on("error", () => {});
  file.pipe(counted);
  file.on("error", (error) => counted.destroy(error));
  file.once("limit", () => {
    file.unpipe(counted);
    counted.destroy(new AppError("PAYLOAD_TOO_LARGE", `The file is larger than the upload limit of ${maxBytes} bytes.`));
  });
  return storage.put(key, counted).then(
    () => ({ name: cleanFileName(info.filename), size, contentType: cleanMediaType(info.mimeType) }),
    (error: unknown) => {
      // Whatever stopped the store, the rest of the part is read and dropped so that busboy can finish the body.
      file.unpipe(counted);
      file.resume();
      throw error;
    },
  );
}

function asUploadError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  const message = error instanceof Error ? error.message : "";
  if (/Unexpected end|Malformed|boundary/i.test(message)) {
    return new AppError("BAD_REQUEST", "The multipart/form-data body is malformed or incomplete.");
  }
  return error;
}

const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;
const NAME_MAX_CHARS = 255;

/**
 * The name as the client gave it, quotes, slashes and all: it is only ever shown and sent encoded, never used as a
 * path. Browsers escape `"` as %22 in a multipart file name (HTML's form encoding), which is undone here.
 */
export function cleanFileName(raw: string | undefined): string {
  const name = Array.from((raw ?? "").replace(/%22/g, '"').replace(CONTROL_CHARACTERS, "").trim())
    .slice(0, NAME_MAX_CHARS)
    .join("");
  return name || "file";
}

const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;

export function cleanMediaType(raw: string | undefined): string {
  const type = (raw ?? "").trim().toLowerCase();
  return MEDIA_TYPE.test(type) ? type : "application/octet-stream";
}
