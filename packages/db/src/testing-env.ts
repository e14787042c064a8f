import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.AUTH_SECRET ??= "test-secret-for-the-helpdesk-suite-0123456789";
// Mail leaves at once in tests (the undo window holds it for 10 s by default); the undo tests set their own window.
process.env.HELPDESK_UNDO_SEND_SECONDS ??= "0";
