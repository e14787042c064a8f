import type { Role } from "@helpdesk/db";

declare module "next-auth" {
  interface User {
    sv?: number;
  }
  interface Session {
    user?: { id: string; email: string; name: string; role: Role };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    sv?: number;
  }
}
