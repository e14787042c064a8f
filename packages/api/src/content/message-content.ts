import { AppError } from "../errors.ts";
import { sanitizeHtml } from "./sanitize.ts";
import { htmlToText } from "./text.ts";

export interface MessageContent {
  /** Sanitized HTML, as stored and shown. */
  content: string;
  /** The client's plain text, or the text derived from `content`. */
  textContent: string;
}

// Sanitized HTML is re-serialized by the sanitizer, so an image is always written as a lowercase `<img` tag.
const IMAGE_TAG = /<img\b/;

/**
 * A message body as stored: sanitized, with its plain text. The one place that decides what a message must contain:
 * HTML that sanitizes to nothing (no text and no image, e.g. `<script>x</script>` or `<p> </p>`) is refused with a
 * 422 at `content`, on every door that creates a message.
 */
export function messageContent(html: string, textContent: string | undefined): MessageContent {
  const content = sanitizeHtml(html);
  const derivedText = htmlToText(content);
  if (!derivedText && !IMAGE_TAG.test(content)) {
    throw new AppError("VALIDATION_ERROR", "Some fields are missing or invalid.", {
      content: [{ code: "INVALID", message: "Must contain text or an image once unsafe HTML is removed." }],
    });
  }
  return { content, textContent: textContent ?? derivedText };
}
