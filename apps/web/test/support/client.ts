// An API client of the whole server, as a script would use it: JSON over HTTP with a Bearer token. Every answer is
// returned (never thrown), so that tests can count statuses; a request that hangs fails after `timeoutMs`.
export interface Answer {
  status: number;
  headers: Headers;
  body: any;
  ms: number;
}

export async function call(baseUrl: string, token: string | null, method: string, path: string, body?: unknown, timeoutMs = 15_000): Promise<Answer> {
  const started = performance.now();
  const response = await fetch(`${baseUrl}/helpdesk/api${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {}
  return { status: response.status, headers: response.headers, body: parsed, ms: performance.now() - started };
}

/** A ticket (status open unless given) whose requester gets the replies' mail. */
export async function createTicket(baseUrl: string, token: string, fields: Record<string, unknown> = {}): Promise<string> {
  const answer = await call(baseUrl, token, "POST", "/tickets", { subject: "Fault test", requester_email: "customer@example.test", ...fields });
  if (answer.status !== 201) throw new Error(`ticket create: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.id;
}

/** A reply that sends one mail to the requester. */
export const replyBody = (ticketId: string, n: number) => ({ ticket_id: ticketId, type: "response", content: `<p>Reply ${n}</p>` });

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it answers true, or throws after `timeoutMs` with `what`. */
export async function eventually(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(200)) if (await check()) return;
  throw new Error(`not within ${timeoutMs} ms: ${what}`);
}
