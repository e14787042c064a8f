import { appRouter, createContext } from "@helpdesk/api";
import { getDb } from "@helpdesk/db";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";

export const dynamic = "force-dynamic";

const handler = (request: Request) =>
  fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: () => createContext({ db: getDb(), headers: request.headers }),
  });

export { handler as GET, handler as POST };
