import { newId, Prisma, type Db } from "@helpdesk/db";
import type { TCreateMacroBody, TMacro, TTicketUpdate, TUpdateMacroBody } from "@helpdesk/validators";
import { messageContent } from "../../content/message-content.ts";
import { AppError, notFound } from "../../errors.ts";

const macroSelect = { id: true, name: true, content: true, ticketUpdate: true, addTags: true, createdAt: true, updatedAt: true } satisfies Prisma.MacroSelect;
type MacroRow = Prisma.MacroGetPayload<{ select: typeof macroSelect }>;

function toMacro(row: MacroRow): TMacro {
  return {
    ...row,
    ticketUpdate: row.ticketUpdate as TTicketUpdate,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

// How a body's fields are stored: the name with its lower-cased key, the content sanitized as a message's (empty once
// sanitized: 422 at `content`), each tag once.
const storedName = (name: string) => ({ name, nameKey: name.toLowerCase() });
const storedContent = (html: string) => ({ content: messageContent(html, undefined).content });
const storedTags = (tags: string[]) => ({ addTags: [...new Set(tags)] });

const isPrismaError = (error: unknown, code: string) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === code;

/** Names are unique whatever their case: the unique key on the lower-cased name decides, race-free. */
async function uniquelyNamed<T>(name: string | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isPrismaError(error, "P2002")) throw new AppError("CONFLICT", `A macro named ${name} already exists.`);
    throw error;
  }
}

export async function listMacros(db: Db): Promise<{ data: TMacro[] }> {
  const rows = await db.macro.findMany({ select: macroSelect, orderBy: [{ nameKey: "asc" }, { id: "asc" }] });
  return { data: rows.map(toMacro) };
}

export async function getMacro(db: Db, id: string): Promise<TMacro> {
  const row = await db.macro.findUnique({ where: { id }, select: macroSelect });
  if (!row) throw notFound("Macro", id);
  return toMacro(row);
}

export async function createMacro(db: Db, input: TCreateMacroBody): Promise<TMacro> {
  const data = {
    id: newId("mac"), ...storedName(input.name), ...storedContent(input.content),
    ticketUpdate: input.ticket_update ?? {}, ...storedTags(input.add_tags ?? []),
  };
  return toMacro(await uniquelyNamed(input.name, () => db.macro.create({ data, select: macroSelect })));
}

export async function updateMacro(db: Db, id: string, input: TUpdateMacroBody): Promise<TMacro> {
  const data = {
    ...(input.name === undefined ? {} : storedName(input.name)),
    ...(input.content === undefined ? {} : storedContent(input.content)),
    ...(input.ticket_update === undefined ? {} : { ticketUpdate: input.ticket_update }),
    ...(input.add_tags === undefined ? {} : storedTags(input.add_tags)),
  };
  try {
    return toMacro(await uniquelyNamed(input.name, () => db.macro.update({ where: { id }, data, select: macroSelect })));
  } catch (error) {
    if (isPrismaError(error, "P2025")) throw notFound("Macro", id);
    throw error;
  }
}

export async function deleteMacro(db: Db, id: string): Promise<void> {
  const { count } = await db.macro.deleteMany({ where: { id } });
  if (count === 0) throw notFound("Macro", id);
}
