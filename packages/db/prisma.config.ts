import { defineConfig } from "prisma/config";

// The schema and its migrations live at the repository root; this package only hosts the client.
export default defineConfig({
  schema: "../../prisma/schema.prisma",
  migrations: { path: "../../prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/unused" },
});
