// One HTTP request exactly as given: path bytes, method and headers go out untouched (fetch would normalise the
// path and refuse some headers), so the fuzzer and the authorization matrix see what the server does with them.
import { Agent, request as httpRequest } from "node:http";

const agent = new Agent({ keepAlive: true, maxSockets: 8 });

export interface RawRequest {
  method: string;
  /** Sent as is, percent-encoding and all. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/**
 * Sends one request and reads the whole answer. A live stream (`text/event-stream`) never ends by itself, so it is
 * read for `streamMs` at most and then closed.
 */
export function send(baseUrl: string, { method, path, headers = {}, body }: RawRequest, streamMs = 300): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    // A GET or DELETE body goes out unframed unless its length is declared, and would be read as the next request.
    const framed = body === undefined ? headers : { ...headers, "content-length": String(Buffer.byteLength(body)) };
    const req = httpRequest(baseUrl, { method, path, headers: framed, agent }, (res) => {
      let text = "";
      const done = () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text });
      res.setEncoding("utf8");
      res.on("data", (chunk) => (text += chunk));
      res.on("end", done);
      if (String(res.headers["content-type"]).startsWith("text/event-stream")) {
        const timer = setTimeout(() => {
          res.off("end", done);
          res.destroy();
          done();
        }, streamMs);
        res.on("close", () => clearTimeout(timer));
      }
    });
    req.on("error", reject);
    req.end(body);
  });
}

export const header = (answer: RawAnswer, name: string) => {
  const value = answer.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(", ") : value;
};

/** The answer's JSON, or undefined when it is not JSON. */
export function jsonOf(answer: RawAnswer): unknown {
  try {
    return JSON.parse(answer.text);
  } catch {
    return undefined;
  }
}
