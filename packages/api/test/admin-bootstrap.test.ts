// CONTRACT section 1: HELPDESK_ADMIN_EMAIL + HELPDESK_ADMIN_PASSWORD ensure this admin exists at start.
import { randomUUID } from "node:crypto";
import { signIn } from "@helpdesk/auth";
import { getDb } from "@helpdesk/db";
import { describe, expect, it } from "vitest";
import { ensureAdmin } from "../src/index.ts";

describe("ensureAdmin", () => {
  it("creates the admin, and on a later start restores role, active flag and password", async () => {
    const email = `Boot-${randomUUID()}@Example.test`;
    await ensureAdmin(getDb(), email, "first password");
    const created = await getDb().user.findUniqueOrThrow({ where: { email: email.toLowerCase() } });
    expect(created).toMatchObject({ role: "admin", active: true });
    expect((await signIn(getDb(), email, "first password", "127.0.0.1")).ok).toBe(true);

    await getDb().user.update({ where: { id: created.id }, data: { role: "viewer", active: false } });
    await ensureAdmin(getDb(), email, "second password");
    const restored = await getDb().user.findUniqueOrThrow({ where: { id: created.id } });
    expect(restored).toMatchObject({ role: "admin", active: true });
    expect((await signIn(getDb(), email, "first password", "127.0.0.1")).ok).toBe(false);
    expect((await signIn(getDb(), email, "second password", "127.0.0.1")).ok).toBe(true);
    expect(await getDb().user.count({ where: { email: email.toLowerCase() } })).toBe(1);
  });
});
