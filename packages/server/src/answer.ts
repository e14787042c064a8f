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
export function rawErrorAnswer(code: TErrorCode, message: string): string {
  const status = ERROR_CODES[code];
  const body = JSON.stringify({ error: { code, message, status } });
  return `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nx-request-id: ${randomUUID()}\r\nx-content-type-options: nosniff\r\nconnection: close\r\n\r\n${body}`;
}
