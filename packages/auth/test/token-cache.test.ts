// Verifying a token (HKDF + AES) is the costliest step of a signed-in request: a valid token is decrypted once and
// its verdict reused until the token expires; invalid ones are never cached.
import { encode } from "next-auth/jwt";
import * as jwt from "next-auth/jwt";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { issueSessionToken, readSessionToken } from "../src/tokens.ts";

vi.mock("next-auth/jwt", async (original) => {
  const actual = await original<typeof import("next-auth/jwt")>();
  return { ...actual, decode: vi.fn(actual.decode) };
});
const decode = vi.mocked(jwt.decode);

beforeAll(() => {
  process.env.AUTH_SECRET = "unit-test-secret-that-is-long-enough-000";
});
beforeEach(() => {
  decode.mockClear();
});

describe("the token verdict cache", () => {
  it("decrypts a valid token once, then answers from memory", async () => {
    const { token } = await issueSessionToken({ userId: "usr_cached", sessionVersion: 2 });
    for (let n = 0; n < 5; n++) expect(await readSessionToken(token)).toEqual({ userId: "usr_cached", sessionVersion: 2 });
    expect(decode).toHaveBeenCalledTimes(1);
  });

  it("never caches an invalid token: each one is judged again", async () => {
    for (let n = 0; n < 3; n++) expect(await readSessionToken("garbage")).toBeNull();
    expect(decode).toHaveBeenCalledTimes(3);
  });

  it("keeps a verdict only until the token's own expiry", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      const token = await encode({ token: { sub: "usr_short", sv: 0 }, secret: process.env.AUTH_SECRET as string, maxAge: 60 });
      expect(await readSessionToken(token)).not.toBeNull();
      vi.setSystemTime(Date.now() + 61_000);
      expect(await readSessionToken(token)).toBeNull();
      expect(decode).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it("is keyed by the secret too: a token is not trusted once the secret changes", async () => {
    const { token } = await issueSessionToken({ userId: "usr_rotated", sessionVersion: 0 });
    expect(await readSessionToken(token)).not.toBeNull();
    process.env.AUTH_SECRET = "a-rotated-secret-that-is-long-enough-111";
    try {
      expect(await readSessionToken(token)).toBeNull();
    } finally {
      process.env.AUTH_SECRET = "unit-test-secret-that-is-long-enough-000";
    }
  });
});
