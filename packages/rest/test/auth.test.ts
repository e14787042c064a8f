// CONTRACT section 2, over real HTTP against a real PostgreSQL.
import { createAuthOptions, MAX_FAILED_SIGN_INS, MAX_FAILED_SIGN_INS_PER_EMAIL } from "@helpdesk/auth";
import { clientAddress } from "@helpdesk/api";
import { CLIENT_ADDRESS_HEADER } from "@helpdesk/validators";
import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import type { CredentialsConfig } from "next-auth/providers/credentials";
import { call, createUser, PASSWORD, signInAs, useApi } from "./support/api.ts";
import { startTrpc, trpcBatch } from "./support/trpc.ts";

const { api } = useApi();

const secret = () => process.env.AUTH_SECRET as string;

describe("POST /auth/session", () => {
  it("returns a session token, its expiry and the user", async () => {
    const user = await createUser("agent");
    const response = await call(api, "POST", "/auth/session", { body: { email: user.email.toUpperCase(), password: PASSWORD } });
    expect(response.status).toBe(201);
    expect(response.body.user).toEqual({ id: user.id, email: user.email, name: user.name, role: "agent" });
    expect(new Date(response.body.expiresAt).getTime()).toBeGreaterThan(Date.now());
    const me = await call(api, "GET", "/users/me", { token: response.body.token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: user.id, email: user.email, role: "agent", active: true });
  });

  it("answers a wrong password and an unknown email the same way", async () => {
    const user = await createUser("agent");
    const wrong = await call(api, "POST", "/auth/session", { body: { email: user.email, password: "not it at all" } });
    const unknown = await call(api, "POST", "/auth/session", { body: { email: "nobody@example.test", password: PASSWORD } });
    for (const response of [wrong, unknown]) {
      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe("INVALID_CREDENTIALS");
    }
    expect(wrong.body.error.message).toBe(unknown.body.error.message);
  });

  it("refuses a deactivated user's sign-in like a wrong password", async () => {
    const user = await createUser("agent", { active: false });
    const response = await call(api, "POST", "/auth/session", { body: { email: user.email, password: PASSWORD } });
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe("INVALID_CREDENTIALS");
  });

  it("limits failed sign-ins to 10 per email and client address in 15 minutes, with Retry-After", async () => {
    const user = await createUser("agent");
    for (let attempt = 1; attempt <= 10; attempt++) {
      const response = await call(api, "POST", "/auth/session", { body: { email: user.email, password: `wrong ${attempt}` } });
      expect(response.status).toBe(401);
    }
    const blocked = await call(api, "POST", "/auth/session", { body: { email: user.email, password: PASSWORD } });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe("RATE_LIMIT_EXCEEDED");
    const retryAfter = Number(blocked.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    // Another email is not affected.
    const parallelTarget = await createUser("agent");
    const guesses = await Promise.all(
      Array.from({ length: 30 }, (_, n) => call(api, "POST", "/auth/session", { body: { email: parallelTarget.email, password: `guess ${n}` } })),
    );
    // Attempts in flight at once are counted before any password is checked: no more than 10 are ever tried.
    expect(guesses.filter((guess) => guess.status === 401)).toHaveLength(10);
    expect(guesses.filter((guess) => guess.status === 429)).toHaveLength(20);
    const other = await createUser("agent");
    expect((await call(api, "POST", "/auth/session", { body: { email: other.email, password: PASSWORD } })).status).toBe(201);
  });

  const from = (address: string) => ({ [CLIENT_ADDRESS_HEADER]: address });
  const signInFrom = (address: string, email: string, password: string) =>
    call(api, "POST", "/auth/session", { body: { email, password }, headers: from(address) });

  it("locks out the attacker's address, not the owner signing in from theirs", async () => {
    const owner = await createUser("agent");
    const attacker = `attacker-${crypto.randomUUID()}`;
    for (let attempt = 1; attempt <= MAX_FAILED_SIGN_INS; attempt++) {
      expect((await signInFrom(attacker, owner.email, `guess ${attempt}`)).status).toBe(401);
    }
    const locked = await signInFrom(attacker, owner.email, PASSWORD);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(14 * 60);
    // The console's door counts the same attempts.
    const trpc = await startTrpc();
    const viaTrpc = await trpcBatch(trpc, "mutation", [{ path: "auth.createSession", input: { email: owner.email, password: PASSWORD } }], { headers: from(attacker) });
    await trpc.close();
    expect(viaTrpc.status).toBe(429);
    expect(viaTrpc.results).toEqual([{ error: expect.objectContaining({ code: "TOO_MANY_REQUESTS", appCode: "RATE_LIMIT_EXCEEDED" }) }]);
    expect(Number(viaTrpc.headers.get("retry-after"))).toBeGreaterThan(14 * 60);
    // Hammering on from the locked address spends nothing of the owner's.
    for (let attempt = 0; attempt < 20; attempt++) expect((await signInFrom(attacker, owner.email, "again")).status).toBe(429);
    expect((await signInFrom(`owner-${crypto.randomUUID()}`, owner.email, PASSWORD)).status).toBe(201);
  });

  it(`refuses every address once an email has ${MAX_FAILED_SIGN_INS_PER_EMAIL} failures from many`, async () => {
    const owner = await createUser("agent");
    const addresses = Array.from({ length: MAX_FAILED_SIGN_INS_PER_EMAIL / MAX_FAILED_SIGN_INS }, (_, n) => `botnet-${n}-${crypto.randomUUID()}`);
    const failures = await Promise.all(
      addresses.flatMap((address) => Array.from({ length: MAX_FAILED_SIGN_INS }, (_, n) => signInFrom(address, owner.email, `guess ${n}`))),
    );
    expect(failures.filter((failure) => failure.status === 401)).toHaveLength(MAX_FAILED_SIGN_INS_PER_EMAIL);
    const ceiling = await signInFrom(`fresh-${crypto.randomUUID()}`, owner.email, PASSWORD);
    expect(ceiling.status).toBe(429);
    expect(ceiling.body.error.code).toBe("RATE_LIMIT_EXCEEDED");
    expect(Number(ceiling.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("rejects a body without credentials with field details", async () => {
    const response = await call(api, "POST", "/auth/session", { body: { email: "not-an-email" } });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe("VALIDATION_ERROR");
    expect(Object.keys(response.body.error.details)).toEqual(expect.arrayContaining(["email", "password"]));
    expect(response.body.error.details.password[0].code).toBe("REQUIRED");
  });
});

describe("console sign-in (next-auth credentials)", () => {
  const credentials = createAuthOptions({ clientAddress }).providers[0] as CredentialsConfig;
  const authorize = (email: string, password: string, address: string) =>
    credentials.options.authorize({ email, password }, { headers: { [CLIENT_ADDRESS_HEADER]: address } } as never);

  it("counts failures per email and address like the API does, so the owner still gets in", async () => {
    const owner = await createUser("agent");
    const attacker = `attacker-${crypto.randomUUID()}`;
    for (let attempt = 1; attempt <= MAX_FAILED_SIGN_INS; attempt++) {
      await expect(authorize(owner.email, `guess ${attempt}`, attacker)).rejects.toThrow("CredentialsSignin");
    }
    await expect(authorize(owner.email, PASSWORD, attacker)).rejects.toThrow("RateLimited");
    // The REST door counts the same attempts: that address is locked out there too.
    expect((await call(api, "POST", "/auth/session", { body: { email: owner.email, password: PASSWORD }, headers: { [CLIENT_ADDRESS_HEADER]: attacker } })).status).toBe(429);
    expect(await authorize(owner.email, PASSWORD, `owner-${crypto.randomUUID()}`)).toMatchObject({ id: owner.id, email: owner.email });
  });
});

describe("session tokens", () => {
  const expectUnauthorized = async (token: string | undefined, headers: Record<string, string> = {}) => {
    const response = await call(api, "GET", "/users/me", { token, headers });
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe("UNAUTHORIZED");
  };

  it("are required", async () => {
    await expectUnauthorized(undefined);
    await expectUnauthorized(undefined, { authorization: "Basic abc" });
    await expectUnauthorized("garbage");
  });

  it("are rejected when tampered with", async () => {
    const { token } = await signInAs(api, "agent");
    const parts = token.split(".");
    const ciphertext = parts[3] as string;
    parts[3] = (ciphertext[0] === "A" ? "B" : "A") + ciphertext.slice(1);
    await expectUnauthorized(parts.join("."));
  });

  it("are rejected when unsigned or encrypted with another key", async () => {
    const user = await createUser("admin");
    const claims = { sub: user.id, sv: 0 };
    const unsigned = `${Buffer.from(JSON.stringify({ alg: "none" })).toString("base64url")}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.`;
    await expectUnauthorized(unsigned);
    await expectUnauthorized(await encode({ token: claims, secret: "some other secret entirely, 32 chars+" }));
    // The right key proves the claims themselves were fine.
    expect((await call(api, "GET", "/users/me", { token: await encode({ token: claims, secret: secret() }) })).status).toBe(200);
  });

  it("are rejected once expired", async () => {
    const user = await createUser("agent");
    await expectUnauthorized(await encode({ token: { sub: user.id, sv: 0 }, secret: secret(), maxAge: -120 }));
  });

  it("are all revoked by DELETE /auth/session", async () => {
    const { user, token } = await signInAs(api, "agent");
    const second = await call(api, "POST", "/auth/session", { body: { email: user.email, password: PASSWORD } });
    const deleted = await call(api, "DELETE", "/auth/session", { token });
    expect(deleted.status).toBe(204);
    await expectUnauthorized(token);
    await expectUnauthorized(second.body.token);
    const fresh = await call(api, "POST", "/auth/session", { body: { email: user.email, password: PASSWORD } });
    expect((await call(api, "GET", "/users/me", { token: fresh.body.token })).status).toBe(200);
  });

  it("stop working when the user is deactivated", async () => {
    const { user, token } = await signInAs(api, "agent");
    const admin = await signInAs(api, "admin");
    expect((await call(api, "GET", "/users/me", { token })).status).toBe(200);
    expect((await call(api, "PATCH", `/users/${user.id}`, { token: admin.token, body: { active: false } })).status).toBe(200);
    await expectUnauthorized(token);
  });

  it("stay revoked when a deactivated user is reactivated", async () => {
    const { user, token } = await signInAs(api, "agent");
    const admin = await signInAs(api, "admin");
    expect((await call(api, "PATCH", `/users/${user.id}`, { token: admin.token, body: { active: false } })).status).toBe(200);
    await expectUnauthorized(token);
    expect((await call(api, "PATCH", `/users/${user.id}`, { token: admin.token, body: { active: true } })).status).toBe(200);
    await expectUnauthorized(token);
    expect((await call(api, "POST", "/auth/session", { body: { email: user.email, password: PASSWORD } })).status).toBe(201);
  });

  it("in a malformed cookie are refused with 401, not a server error", async () => {
    await expectUnauthorized(undefined, { cookie: "next-auth.session-token=%E0%A4%A" });
  });

  it("carry no role: a role change applies on the next request", async () => {
    const { user, token } = await signInAs(api, "admin");
    const other = await signInAs(api, "admin");
    expect((await call(api, "GET", "/users", { token })).status).toBe(200);
    // Through this instance, which made the change: the very next request sees it (CONTRACT §2).
    expect((await call(api, "PATCH", `/users/${user.id}`, { token: other.token, body: { role: "viewer" } })).status).toBe(200);
    const demoted = await call(api, "GET", "/users", { token });
    expect(demoted.status).toBe(403);
    expect(demoted.body.error.code).toBe("FORBIDDEN");
    expect((await call(api, "GET", "/users/me", { token })).body.role).toBe("viewer");
  });

  it("are read from the next-auth session cookie too", async () => {
    const { user, token } = await signInAs(api, "viewer");
    const response = await call(api, "GET", "/users/me", { headers: { cookie: `other=1; next-auth.session-token=${token}` } });
    expect(response.status).toBe(200);
    expect(response.body.id).toBe(user.id);
  });
});
