import { getDb } from "@helpdesk/db";
import { createRestHandler } from "@helpdesk/rest";

export const dynamic = "force-dynamic";

const handler = createRestHandler({ db: getDb });

export { handler as GET, handler as POST, handler as PATCH, handler as PUT, handler as DELETE, handler as OPTIONS, handler as HEAD };
