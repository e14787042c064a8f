import sanitize from "sanitize-html";

const ALLOWED_TAGS = [
  "p", "br", "hr", "div", "span",
  "b", "strong", "i", "em", "u", "s", "sub", "sup", "code", "pre", "blockquote",
  "h1", "h2", "h3", "h4", "h5", "h6",
  "ul", "ol", "li",
  "a", "img",
  "table", "thead", "tbody", "tr", "td", "th",
];

const ALLOWED_ATTRIBUTES: Record<string, string[]> = {
  a: ["href", "title", "target", "rel"],
  img: ["src", "alt", "width", "height"],
  td: ["colspan", "rowspan"],
  th: ["colspan", "rowspan"],
};

const LINK_REL = "noopener noreferrer nofollow";

// Raster images only: an SVG data URL can carry script.
const SAFE_DATA_IMAGE = /^data:image\/(?:png|jpeg|gif|webp)[;,]/;

/**
 * The URL as a browser reads its scheme: it skips control characters and spaces, so
 * "da\tta:" is "data:". sanitize-html's own scheme check cleans the same way (and HTML comments).
 */
function schemeView(url: string): string {
  return url.replace(/<!--[\s\S]*?-->/g, "").replace(/[\u0000-\u0020]+/g, "").toLowerCase();
}

function withSafeImageSource(attribs: sanitize.Attributes): sanitize.Attributes {
  const src = attribs.src;
  if (src === undefined) return attribs;
  const url = schemeView(src);
  if (url.startsWith("data:") && !SAFE_DATA_IMAGE.test(url)) {
    const { src: _dropped, ...rest } = attribs;
    return rest;
  }
  return attribs;
}

const OPTIONS: sanitize.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: ALLOWED_ATTRIBUTES,
  allowedClasses: {},
  allowedStyles: {},
  allowedSchemes: ["http", "https", "mailto", "tel"],
  // `data:` passes the scheme check for images only; withSafeImageSource narrows it to raster types.
  allowedSchemesByTag: { img: ["http", "https", "cid", "data"] },
  allowProtocolRelative: true,
  disallowedTagsMode: "discard",
  // Disallowed tags whose text must go too, not just the tag; `title` keeps a pasted <head> out of the body.
  nonTextTags: ["script", "style", "textarea", "noscript", "option", "xmp", "title"],
  // An image whose source was refused shows nothing but a broken-image icon.
  exclusiveFilter: (frame) => frame.tag === "img" && !frame.attribs.src,
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, target: "_blank", rel: LINK_REL } }),
    img: (tagName, attribs) => ({ tagName, attribs: withSafeImageSource(attribs) }),
  },
};

/** Message HTML as stored and shown: formatting, links and images only; nothing that can run code. */
export function sanitizeHtml(html: string): string {
  return sanitize(html, OPTIONS);
}
