// The part of hoodiecrow-imap (an in-memory IMAP test server without types of its own) that the tests use.
declare module "hoodiecrow-imap" {
  import type { Server } from "node:net";

  interface HoodiecrowMessage {
    raw: string;
    flags?: string[];
    uid?: number;
  }
  interface HoodiecrowMailbox {
    messages?: HoodiecrowMessage[];
    /** false: PERMANENTFLAGS lists the system flags only, so no keyword can be stored. */
    allowPermanentFlags?: boolean;
  }
  interface HoodiecrowServer {
    server: Server;
    listen(port: number, host: string, callback: () => void): void;
    close(callback?: () => void): void;
    getMailbox(path: string): Required<HoodiecrowMailbox> & { messages: Required<HoodiecrowMessage>[] };
    appendMessage(mailbox: string, flags: string[], internaldate: Date | undefined, raw: string): void;
  }
  export default function hoodiecrow(options: {
    plugins?: string[];
    users?: Record<string, { password: string }>;
    storage: Record<string, HoodiecrowMailbox>;
  }): HoodiecrowServer;
}
