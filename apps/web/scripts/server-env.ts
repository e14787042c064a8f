// The server's environment, checked before anything starts: a bad value stops start-up with one line naming it.
import { clientAddressResolver } from "@helpdesk/server";
import { parseServerEnv, type TServerConfig } from "@helpdesk/validators";

export function readServerEnv(source: NodeJS.ProcessEnv, { production }: { production: boolean }): TServerConfig {
  const parsed = parseServerEnv(source);
  if (!parsed.ok) fail(parsed.problem);
  const env = parsed.config;
  if (production && !env.AUTH_SECRET && !env.NEXTAUTH_SECRET) fail("AUTH_SECRET (or NEXTAUTH_SECRET) is required in production");
  if (Boolean(env.HELPDESK_ADMIN_EMAIL) !== Boolean(env.HELPDESK_ADMIN_PASSWORD)) {
    fail("HELPDESK_ADMIN_EMAIL and HELPDESK_ADMIN_PASSWORD must be set together");
  }
  try {
    clientAddressResolver(env.HELPDESK_TRUSTED_PROXIES);
  } catch (error) {
    fail(`HELPDESK_TRUSTED_PROXIES: ${(error as Error).message}`);
  }
  return env;
}

function fail(line: string): never {
  console.error(`Configuration error: ${line}`);
  process.exit(1);
}
