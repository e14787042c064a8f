import { encode } from "next-auth/jwt";
import { beforeAll, describe, expect, it } from "vitest";
import { sessionTokenFrom } from "../src/authenticate.ts";
import { hashPassword, verifyPassword } from "../src/password.ts";
import { issueSessionToken, readSessionToken } from "../src/tokens.ts";

beforeAll(() => {
  process.env.AUTH_SECRET = "unit-test-secret-that-is-long-enough-000";
});

describe("sessionTokenFrom", () => {
  it("prefers the Authorization header and flags a malformed one", () => {
    expect(sessionTokenFrom(new Headers({ authorization: "Bearer abc.def" }))).toBe("abc.def");
    expect(sessionTokenFrom(new Headers({ authorization: "bearer   abc" }))).toBe("abc");
    expect(sessionTokenFrom(new Headers({ authorization: "Token abc" }))).toBe("malformed");
    expect(sessionTokenFrom(new Headers({ authorization: "Bearer" }))).toBe("malformed");
    expect(sessionTokenFrom(new Headers({ authorization: "Bearer a", cookie: "next-auth.session-token=b" }))).toBe("a");
  });

  it("falls back to the next-auth session cookie", () => {
    expect(sessionTokenFrom(new Headers({ cookie: "a=1; next-auth.session-token=tok%2E1" }))).toBe("tok.1");
    expect(sessionTokenFrom(new Headers({ cookie: "__Secure-next-auth.session-token=s" }))).toBe("s");
    expect(sessionTokenFrom(new Headers({ cookie: "a=1" }))).toBeNull();
    expect(sessionTokenFrom(new Headers())).toBeNull();
  });
});

describe("session tokens", () => {
  it("round-trip the user id and session version", async () => {
    const { token, expiresAt } = await issueSessionToken({ userId: "usr_1", sessionVersion: 3 });
    expect(await readSessionToken(token)).toEqual({ userId: "usr_1", sessionVersion: 3 });
    expect(expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * 24 * 3600 * 1000);
  });

  it("read as null when garbage, expired, foreign or missing claims", async () => {
    expect(await readSessionToken("garbage")).toBeNull();
    expect(await readSessionToken(await encode({ token: { sub: "usr_1", sv: 0 }, secret: process.env.AUTH_SECRET as string, maxAge: -60 }))).toBeNull();
    expect(await readSessionToken(await encode({ token: { sub: "usr_1", sv: 0 }, secret: "another-secret-that-is-long-enough-000" }))).toBeNull();
    expect(await readSessionToken(await encode({ token: { sub: "usr_1" }, secret: process.env.AUTH_SECRET as string }))).toBeNull();
  });
});

describe("passwords", () => {
  it("hash with argon2id and verify only the right password", async () => {
    const hash = await hashPassword("s3cret pass");
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(hash, "s3cret pass")).toBe(true);
    expect(await verifyPassword(hash, "s3cret pasS")).toBe(false);
    expect(await verifyPassword("not a hash", "x")).toBe(false);
  });
});
