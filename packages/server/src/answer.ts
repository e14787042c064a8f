// Answers the front door gives itself, in the contract's error envelope (CONTRACT §4).
import type { ServerResponse } from "node:http";
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
