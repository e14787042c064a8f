// A real HTTP server around the REST adapter, and small helpers to call it as an API client would.
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { createServer, type Server } from "node:http";
import { getRequestListener } from "@hono/node-server";
import { hashPassword } from "@helpdesk/auth";
import { getDb, newId, type Role } from "@helpdesk/db";
import { CLIENT_ADDRESS_HEADER } from "@helpdesk/validators";
import { afterAll, beforeAll } from "vitest";
import { createRestHandler, type RestOptions } from "../../src/index.ts";

export interface TestServer {
  baseUrl: string;
  /** The client address its requests come from, unless a request names another in CLIENT_ADDRESS_HEADER. */
  clientAddress: string;
  close(): Promise<void>;
}

export type TestApi = TestServer;

/**
 * A fetch-style handler on a real HTTP server on loopback. It stands in for the production front door, which sets
 * the client address from the socket: here each test server is one client, so that test files running at once do
 * not share one signed-out budget in the one database.
 */
export async function serveHandler(handler: (request: Request) => Promise<Response>, basePath: string): Promise<TestServer> {
  const clientAddress = `test-client-${randomUUID()}`;
  const server: Server = createServer(
    getRequestListener((request) => {
      if (!request.headers.has(CLIENT_ADDRESS_HEADER)) request.headers.set(CLIENT_ADDRESS_HEADER, clientAddress);
      return handler(request);
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}${basePath}`,
    clientAddress,
    // Live streams keep their connections open: end them, or close() would wait for them.
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function startApi(options: Partial<RestOptions> = {}): Promise<TestApi> {
  return serveHandler(createRestHandler({ db: getDb, ...options }), "/helpdesk/api");
}

export const PASSWORD = "correct horse battery staple";

export async function createUser(role: Role, overrides: { active?: boolean } = {}) {
  const email = `${role}-${randomUUID()}@example.test`;
  const user = await getDb().user.create({
    data: { id: newId("usr"), email, name: `Test ${role}`, role, passwordHash: await hashPassword(PASSWORD), ...overrides },
  });
  return user;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export async function call(api: TestApi, method: string, path: string, options: CallOptions = {}) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
    headers["content-type"] ??= "application/json";
  }
  const response = await fetch(api.baseUrl + path, { method, headers, body });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

export async function signInAs(api: TestApi, role: Role) {
  const user = await createUser(role);
  const response = await call(api, "POST", "/auth/session", { body: { email: user.email, password: PASSWORD } });
  if (response.status !== 201) throw new Error(`sign-in failed: ${JSON.stringify(response.body)}`);
  return { user, token: response.body.token as string };
}

export type SignedIn = Awaited<ReturnType<typeof signInAs>>;

/**
 * This file's server and signed-in users: registers the beforeAll that starts the server and signs in one new user
 * per entry of `roles` (a role may repeat), and the afterAll that closes it. The objects it answers are empty until
 * that beforeAll fills them in place, so they can be destructured at the top of the file:
 * `const { api, users: [agent, viewer] } = useApi({ roles: ["agent", "viewer"] });`
 */
export function useApi<const R extends readonly Role[] = []>(options: { roles?: R } = {}) {
  const roles: readonly Role[] = options.roles ?? [];
  const api = {} as TestApi;
  const users = roles.map(() => ({}) as SignedIn);
  beforeAll(async () => {
    Object.assign(api, await startApi());
    const signedIn = await Promise.all(roles.map((role) => signInAs(api, role)));
    for (const [index, user] of signedIn.entries()) Object.assign(users[index]!, user);
  });
  afterAll(() => api.close());
  return { api, users: users as { -readonly [K in keyof R]: SignedIn } };
}
