import { createTrpcHandler } from "@helpdesk/api";
import { getDb } from "@helpdesk/db";

export const dynamic = "force-dynamic";

const handler = createTrpcHandler({ db: getDb });

export { handler as GET, handler as POST };
