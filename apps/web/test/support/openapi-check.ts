// Judges a REST answer by our own OpenAPI document (GET /helpdesk/api/openapi.json), the way an independent client
// would: the status must be documented for the operation (or fall under `default`), the media type must be one the
// document names, a JSON body must validate against the documented schema, and an error's code must be one the
// document lists for that status.
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { ValidateFunction } from "ajv";
import { ERROR_CODES } from "@helpdesk/validators";
import { header, jsonOf, type RawAnswer } from "./raw-http.ts";

const DOCUMENT_ID = "openapi.json";

interface MediaObject {
  schema?: unknown;
  examples?: Record<string, unknown>;
}
interface ResponseObject {
  content?: Record<string, MediaObject>;
  headers?: Record<string, unknown>;
}
interface OperationObject {
  responses: Record<string, ResponseObject>;
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, OperationObject>>;
}

const pointer = (segments: string[]) => segments.map((segment) => segment.replaceAll("~", "~0").replaceAll("/", "~1")).join("/");

/** A media range from the document (`application/json`, `*\/*`, `image/*`) against an answer's media type. */
const mediaMatches = (range: string, media: string) => {
  const [type, subtype] = range.split("/");
  const [actualType, actualSubtype] = media.split("/");
  return (type === "*" || type === actualType) && (subtype === "*" || subtype === actualSubtype);
};

export function openApiChecker(document: OpenApiDocument) {
  const ajv = new Ajv2020({ strict: false, allErrors: false, validateSchema: false });
  addFormats(ajv);
  // OpenAPI's own format for file bodies; nothing to check in JSON.
  ajv.addFormat("binary", true);
  ajv.addSchema(document as object, DOCUMENT_ID);
  const compiled = new Map<string, ValidateFunction>();
  const validatorAt = (segments: string[]) => {
    const ref = `${DOCUMENT_ID}#/${pointer(segments)}`;
    let validate = compiled.get(ref);
    if (!validate) compiled.set(ref, (validate = ajv.compile({ $ref: ref })));
    return validate;
  };

  /** What is wrong with `answer` as an answer of `method pathTemplate` (`/helpdesk/api/tickets/{ticket_id}`); empty when nothing. */
  return function problems(method: string, pathTemplate: string, answer: RawAnswer): string[] {
    const operation = document.paths[pathTemplate]?.[method.toLowerCase()];
    if (!operation) return [`the document has no ${method} ${pathTemplate}`];
    const statusKey = String(answer.status) in operation.responses ? String(answer.status) : "default";
    const response = operation.responses[statusKey];
    if (!response) return [`status ${answer.status} is not documented for ${method} ${pathTemplate}`];
    const found: string[] = [];
    const media = header(answer, "content-type")?.split(";")[0]?.trim().toLowerCase() ?? "";
    const documented = Object.keys(response.content ?? {});
    if (answer.status === 204 || documented.length === 0) {
      if (answer.text.length > 0) found.push(`a body where the document says none (${media})`);
      return found;
    }
    const range = documented.find((candidate) => mediaMatches(candidate, media));
    if (!range) return [`media type "${media}" is not documented for ${answer.status} (documented: ${documented.join(", ")})`];
    if (media !== "application/json") return found;
    const body = jsonOf(answer);
    if (body === undefined) return ["the body is not JSON"];
    const validate = validatorAt(["paths", pathTemplate, method.toLowerCase(), "responses", statusKey, "content", range, "schema"]);
    if (!validate(body)) found.push(`body does not match the documented schema: ${ajv.errorsText(validate.errors)}`);
    if (answer.status >= 400) {
      const code = (body as { error?: { code?: string } }).error?.code ?? "";
      const listed = Object.keys(response.content?.[range]?.examples ?? {});
      if (!listed.includes(code)) found.push(`error code ${code} is not documented for ${answer.status} (documented: ${listed.join(", ")})`);
    }
    return found;
  };
}

/** The contract's error envelope (CONTRACT §4), whatever answered: the front door, the adapter or a procedure. */
export function envelopeProblems(answer: RawAnswer): string[] {
  const body = jsonOf(answer) as { error?: { code?: unknown; message?: unknown; status?: unknown } } | undefined;
  const error = body?.error;
  if (!error) return [`not the error envelope: ${answer.text.slice(0, 200)}`];
  const found: string[] = [];
  if (error.status !== answer.status) found.push(`error.status ${String(error.status)} is not the HTTP status ${answer.status}`);
  if (typeof error.code !== "string" || !(error.code in ERROR_CODES)) found.push(`error.code ${String(error.code)} is not a contract code`);
  else if (ERROR_CODES[error.code as keyof typeof ERROR_CODES] !== answer.status) found.push(`${error.code} answered with ${answer.status}`);
  if (typeof error.message !== "string") found.push("error.message is not a string");
  return found;
}
