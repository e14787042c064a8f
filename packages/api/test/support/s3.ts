// A real S3-compatible server (s3rver) on loopback for tests, shared by this package's tests and the other packages'
// (which import it as @helpdesk/api/test-support/s3). Each call gets its own port, directory and bucket.
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { DeleteObjectCommand, HeadObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import S3rver from "s3rver";

export interface S3TestServer {
  endpoint: string;
  bucket: string;
  region: string;
  /** Everything a process needs to use this server as its attachment store (storageFromEnv), credentials included. */
  env: Record<string, string>;
  /** A client of its own, to look at the bucket behind the store's back. */
  client: S3Client;
  /** Every object key in the bucket, sorted. */
  listKeys(): Promise<string[]>;
  /** The object's size in bytes, or undefined when there is no such object. */
  objectSize(key: string): Promise<number | undefined>;
  deleteObject(key: string): Promise<void>;
  /** Bytes the server has read from its clients so far, requests and bodies: to see how far a sender runs ahead. */
  bytesReceived(): number;
  /** Stops the server (dropping kept-alive connections) and removes its directory. */
  stop(): Promise<void>;
}

// s3rver checks signatures against these fixed credentials.
const ACCESS_KEY = "S3RVER";
const SECRET_KEY = "S3RVER";

export async function startS3Server({ bucket = "helpdesk-test", prefix = "attachments/" } = {}): Promise<S3TestServer> {
  const directory = await mkdtemp(path.join(tmpdir(), "helpdesk-s3rver-"));
  const s3rver = new S3rver({ directory, silent: true, configureBuckets: [{ name: bucket, configs: [] }] });
  await s3rver.configureBuckets();
  // Our own HTTP server around s3rver's handler, so that stop() can end the SDK's kept-alive sockets.
  const server = createServer(s3rver.callback());
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(0, "127.0.0.1", resolve));
  const sockets = new Set<Socket>();
  let bytesOfClosedSockets = 0;
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => {
      sockets.delete(socket);
      bytesOfClosedSockets += socket.bytesRead;
    });
  });
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const region = "us-east-1";
  const client = new S3Client({
    region,
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY },
  });

  const listKeys = async () => {
    const keys: string[] = [];
    let ContinuationToken: string | undefined;
    do {
      const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken }));
      keys.push(...(page.Contents ?? []).map((object) => object.Key!));
      ContinuationToken = page.NextContinuationToken;
    } while (ContinuationToken);
    return keys.sort();
  };

  const objectSize = async (key: string) => {
    try {
      return (await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))).ContentLength;
    } catch (error) {
      if ((error as { name?: string }).name === "NotFound") return undefined;
      throw error;
    }
  };

  return {
    endpoint,
    bucket,
    region,
    env: {
      HELPDESK_S3_BUCKET: bucket,
      HELPDESK_S3_ENDPOINT: endpoint,
      HELPDESK_S3_REGION: region,
      HELPDESK_S3_PREFIX: prefix,
      AWS_ACCESS_KEY_ID: ACCESS_KEY,
      AWS_SECRET_ACCESS_KEY: SECRET_KEY,
    },
    client,
    listKeys,
    objectSize,
    deleteObject: async (key) => {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },
    bytesReceived: () => [...sockets].reduce((sum, socket) => sum + socket.bytesRead, bytesOfClosedSockets),
    stop: async () => {
      client.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      await rm(directory, { recursive: true, force: true });
    },
  };
}
