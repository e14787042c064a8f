export { createDb, getDb, preparedQuery, type Db } from "./client.ts";
export { firstIdAt, idTime, newId, type IdPrefix } from "./ids.ts";
export { Prisma } from "./generated/prisma/client.ts";
export type * from "./generated/prisma/models.ts";
export * from "./generated/prisma/enums.ts";
