import { hashPassword, issueSessionToken, revokeSessions, sessionUsers, signIn } from "@helpdesk/auth";
import { newId, Prisma, type Db } from "@helpdesk/db";
import type { TCreateUserBody, TListUsersQuery, TSignInBody, TUpdateUserBody, TUser } from "@helpdesk/validators";
import { AppError, notFound } from "../errors.ts";
import { paginate } from "./pagination.ts";

const userSelect = { id: true, email: true, name: true, role: true, active: true, createdAt: true } satisfies Prisma.UserSelect;
type UserRow = Prisma.UserGetPayload<{ select: typeof userSelect }>;

export function toUser(row: UserRow): TUser {
  return { ...row, createdAt: row.createdAt.toISOString() };
}

export async function getUser(db: Db, id: string): Promise<TUser> {
  const row = await db.user.findUnique({ where: { id }, select: userSelect });
  if (!row) throw notFound("User", id);
  return toUser(row);
}

export async function listUsers(db: Db, query: TListUsersQuery) {
  const [rows, total] = await Promise.all([
    db.user.findMany({ select: userSelect, orderBy: [{ createdAt: "asc" }, { id: "asc" }], skip: (query.page - 1) * query.limit, take: query.limit }),
    db.user.count(),
  ]);
  return paginate(rows.map(toUser), { page: query.page, limit: query.limit, total });
}

/** Who can be shown as an author or chosen as an assignee: every active user's public fields. */
export async function listDirectory(db: Db) {
  return db.user.findMany({ where: { active: true }, select: { id: true, name: true, email: true, role: true }, orderBy: { name: "asc" } });
}

export async function createUser(db: Db, actorId: string | null, input: TCreateUserBody): Promise<TUser> {
  const email = input.email.trim().toLowerCase();
  try {
    const row = await db.user.create({
      data: { id: newId("usr"), email, name: input.name, role: input.role, passwordHash: await hashPassword(input.password) },
      select: userSelect,
    });
    await audit(db, actorId, "user.created", row.id, { role: row.role });
    return toUser(row);
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("CONFLICT", `A user with the email ${email} already exists.`);
    }
    throw error;
  }
}

export async function updateUser(db: Db, actorId: string, id: string, input: TUpdateUserBody): Promise<TUser> {
  const updated = await db.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { id }, select: userSelect });
    if (!existing) throw notFound("User", id);
    const losesAdminRights = (input.role !== undefined && input.role !== "admin") || input.active === false;
    if (losesAdminRights) await assertNotLastActiveAdmin(tx, id);
    const row = await tx.user.update({
      where: { id },
      data: {
        name: input.name, role: input.role, active: input.active,
        // Deactivating revokes every token, so reactivating later does not bring old (maybe stolen) ones back.
        ...(input.active === false ? { sessionVersion: { increment: 1 } } : {}),
      },
      select: userSelect,
    });
    await audit(tx, actorId, "user.updated", id, { before: { role: existing.role, active: existing.active }, after: input });
    return toUser(row);
  });
  // Committed: this instance's next request sees the change; the "User" trigger's notification tells the others.
  sessionUsers.forget(id);
  return updated;
}

/**
 * Someone must always be able to manage users. The active admins' rows stay locked until the transaction ends, in
 * id order so that two updates cannot deadlock: two admins demoting each other at once are serialized, and the second
 * one, re-reading after the first commits, sees that its target is now the last admin.
 */
async function assertNotLastActiveAdmin(tx: Prisma.TransactionClient, id: string) {
  const admins = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "User" WHERE role = 'admin' AND active ORDER BY id FOR UPDATE`;
  if (admins.length === 1 && admins[0]?.id === id) {
    throw new AppError("CONFLICT", "This user is the last active admin and cannot be demoted or deactivated: make another user an admin first.");
  }
}

/** Ensures the HELPDESK_ADMIN_EMAIL admin exists and is active with that password. */
export async function ensureAdmin(db: Db, email: string, password: string): Promise<void> {
  const normalized = email.trim().toLowerCase();
  const passwordHash = await hashPassword(password);
  const { id } = await db.user.upsert({
    where: { email: normalized },
    create: { id: newId("usr"), email: normalized, name: "Administrator", role: "admin", passwordHash },
    update: { role: "admin", active: true, passwordHash },
    select: { id: true },
  });
  sessionUsers.forget(id);
}

export async function createSession(db: Db, input: TSignInBody, clientAddress: string) {
  const result = await signIn(db, input.email, input.password, clientAddress);
  if (!result.ok && result.reason === "rate_limited") {
    throw new AppError("RATE_LIMIT_EXCEEDED", "Too many failed sign-ins for this email. Try again later.", {
      retryAfterSeconds: result.retryAfterSeconds,
    });
  }
  if (!result.ok) throw new AppError("INVALID_CREDENTIALS", "The email or password is wrong.");
  const { token, expiresAt } = await issueSessionToken({ userId: result.user.id, sessionVersion: result.user.sessionVersion });
  const { id, email, name, role } = result.user;
  return { token, expiresAt: expiresAt.toISOString(), user: { id, email, name, role } };
}

export async function deleteSessions(db: Db, userId: string): Promise<void> {
  await revokeSessions(db, userId);
}

export async function audit(db: Db | Prisma.TransactionClient, actorId: string | null, action: string, subjectId: string, data: object) {
  await db.auditEvent.create({ data: { id: newId("aud"), actorId, action, subjectId, data: data as Prisma.InputJsonObject } });
}
