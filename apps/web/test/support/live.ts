// A console's live stream, opened as the browser's tRPC client opens it: GET /api/trpc/<procedure> asking for
// server-sent events. Each `data:` line that carries a value (not the `connected` handshake or a ping) is handed out.
export interface LiveStream {
  /** Resolves with the first event's data that `matches`, or rejects after `timeoutMs`. */
  next(matches: (data: string) => boolean, timeoutMs?: number): Promise<string>;
  /** Forgets the events seen so far (late copies of earlier ones must not answer the next `next`). */
  drain(): void;
  close(): void;
}

export async function openLiveStream(baseUrl: string, token: string, procedure: string): Promise<LiveStream> {
  const aborter = new AbortController();
  const response = await fetch(`${baseUrl}/api/trpc/${procedure}`, {
    headers: { accept: "text/event-stream", authorization: `Bearer ${token}` },
    signal: aborter.signal,
  });
  if (response.status !== 200 || !response.body) throw new Error(`live stream: ${response.status} ${await response.text()}`);
  const seen: string[] = [];
  const waiters = new Set<() => void>();
  let buffer = "";
  let connected = () => {};
  const ready = new Promise<void>((resolve) => (connected = resolve));
  void (async () => {
    const decoder = new TextDecoder();
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
        const lines = buffer.slice(0, end).split("\n");
        buffer = buffer.slice(end + 2);
        const event = lines.find((line) => line.startsWith("event:"))?.slice(6).trim();
        const data = lines.filter((line) => line.startsWith("data:")).map((line) => line.slice(5).trim()).join("\n");
        if (event === "connected") connected();
        else if (!event && data) seen.push(data);
      }
      for (const wake of waiters) wake();
    }
  })().catch(() => {});
  await ready;
  return {
    next(matches, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const index = seen.findIndex(matches);
          if (index < 0) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(seen.splice(index, 1)[0]!);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching live event within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    drain: () => {
      seen.length = 0;
    },
    close: () => aborter.abort(),
  };
}
