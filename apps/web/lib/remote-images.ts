// Remote images in message content are tracking pixels until the agent asks for them (issue 9): before a message's
// HTML reaches the page, every image source that would leave our origin is parked in a data attribute. The content
// is parsed with DOMParser, whose documents have no browsing context, so nothing loads while it is rewritten. The
// Content-Security-Policy allows remote images (agents may choose to see them), so this gate stands on its own.

/** Where our own uploads are served: same-origin, behind the agent's session, never a third party's log. */
const ATTACHMENTS_PATH = "/helpdesk/api/attachments/";

/** Attributes that make a browser fetch something as soon as the element is in the page. */
const LOADING_ATTRIBUTES = ["src", "srcset", "poster", "background"] as const;

const BLOCKED_ATTRIBUTE_PREFIX = "data-blocked-";

export interface GatedContent {
  html: string;
  /** How many elements had a source parked; 0 means the content is shown exactly as stored. */
  blocked: number;
}

/**
 * True for sources that may load without asking: our own attachment URLs and in-page data (data: and blob:). The
 * URL is resolved with the same WHATWG parser the browser uses, so "//host", "/\host" or a scheme hidden behind
 * control characters resolve here exactly as they would in the page.
 */
export function isAllowedImageSource(source: string, pageUrl: string): boolean {
  let url: URL;
  try {
    url = new URL(source, pageUrl);
  } catch {
    return false;
  }
  if (url.protocol === "data:" || url.protocol === "blob:") return true;
  return url.origin === new URL(pageUrl).origin && url.pathname.startsWith(ATTACHMENTS_PATH);
}

/**
 * The message HTML with every remote source parked as `data-blocked-<attribute>`: `src` unless it is allowed above,
 * and `srcset`, `poster` and `background` always (they can name remote URLs and the sanitizer never keeps them).
 * Without a DOM parser (a server render) nothing can be checked, so the content is withheld rather than risked.
 */
export function withoutRemoteImages(html: string, pageUrl: string | undefined = globalThis.location?.href): GatedContent {
  if (typeof DOMParser === "undefined" || pageUrl === undefined) return { html: "", blocked: 1 };
  const body = new DOMParser().parseFromString(html, "text/html").body;
  let blocked = 0;
  for (const element of body.querySelectorAll(LOADING_ATTRIBUTES.map((name) => `[${name}]`).join(","))) {
    let parked = false;
    for (const name of LOADING_ATTRIBUTES) {
      const value = element.getAttribute(name);
      if (value === null || (name === "src" && isAllowedImageSource(value, pageUrl))) continue;
      element.setAttribute(`${BLOCKED_ATTRIBUTE_PREFIX}${name}`, value);
      element.removeAttribute(name);
      parked = true;
    }
    if (parked) blocked += 1;
  }
  return blocked === 0 ? { html, blocked } : { html: body.innerHTML, blocked };
}
