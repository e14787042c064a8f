import { clientAddress } from "@helpdesk/api";
import { createAuthOptions } from "@helpdesk/auth";
import type { AuthOptions } from "next-auth";
import { getServerSession } from "next-auth";

let options: AuthOptions | undefined;

/** Built on first use, so a build without AUTH_SECRET still succeeds; serving without one fails loudly. */
export function authOptions(): AuthOptions {
  options ??= createAuthOptions({ clientAddress });
  return options;
}

export function getSession() {
  return getServerSession(authOptions());
}
