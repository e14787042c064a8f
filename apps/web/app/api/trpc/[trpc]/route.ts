import { createTrpcHandler } from "@helpdesk/api";
import { getDb } from "@helpdesk/db";

export const dynamic = "force-dynamic";

const handler = createTrpcHandler({ db: getDb });

// Every method the front door lets through reaches tRPC, which answers the ones it does not take with a JSON 405
// (Next.js alone would answer an empty one).
export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
