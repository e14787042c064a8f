// Answers the front door gives itself, in the contract's error envelope (CONTRACT §4).
import { randomUUID } from "node:crypto";
import { STATUS_CODES, type ServerResponse } from "node:http";
import { ERROR_CODES, type TErrorCode } from "@helpdesk/validators";

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

export function sendError(res: ServerResponse, code: TErrorCode, message: string, headers: Record<string, string> = {}): void {
  const status = ERROR_CODES[code];
  sendJson(res, status, { error: { code, message, status } }, headers);
}

/** A whole HTTP/1.1 error answer as bytes, for a socket the HTTP parser gave up on. */
export function rawErrorAnswer(code: TErrorCode, message: string, extra: Record<string, string> = {}): string {
  const status = ERROR_CODES[code];
  const body = JSON.stringify({ error: { code, message, status } });
  const headers = {
    "content-type": "application/json; charset=utf-8",
    "content-length": String(Buffer.byteLength(body)),
    "x-request-id": randomUUID(),
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
    connection: "close",
    ...extra,
  };
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join("");
  return `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${lines}\r\n${body}`;
}
