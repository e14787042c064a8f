import { describe, expect, it } from "vitest";
import { sanitizeHtml } from "../src/content/sanitize.ts";
import { htmlToText } from "../src/content/text.ts";
import { unsafeParts, XSS_VECTORS } from "./support/xss.ts";

describe("sanitizeHtml against XSS vectors", () => {
  it("has a corpus of at least 35 vectors", () => {
    expect(XSS_VECTORS.length).toBeGreaterThanOrEqual(35);
  });

  it.each(XSS_VECTORS)("neutralises %s", (vector) => {
    const output = sanitizeHtml(vector);
    expect(unsafeParts(output), output).toEqual([]);
  });

  it.each(XSS_VECTORS)("is stable when sanitized again: %s", (vector) => {
    const output = sanitizeHtml(vector);
    expect(sanitizeHtml(output)).toBe(output);
  });

  it("drops the contents of script, style, textarea and noscript", () => {
    const output = sanitizeHtml(
      "<p>kept</p><script>SECRET1</script><style>SECRET2</style><textarea>SECRET3</textarea><noscript>SECRET4</noscript>",
    );
    expect(output).toBe("<p>kept</p>");
  });

  it("keeps the text of other disallowed tags", () => {
    expect(sanitizeHtml("<p>Hello <font color=red>there</font><script>x()</script> world</p>")).toBe(
      "<p>Hello there world</p>",
    );
  });

  it("drops images whose source is refused", () => {
    expect(sanitizeHtml(`<p>a<img src="javascript:alert(1)">b<img src="data:image/svg+xml,x">c</p>`)).toBe("<p>abc</p>");
  });
});

describe("sanitizeHtml keeps benign markup", () => {
  const rel = `target="_blank" rel="noopener noreferrer nofollow"`;

  it.each([
    "<p>Hello <b>bold</b> <strong>strong</strong> <i>i</i> <em>em</em> <u>u</u> <s>s</s> <sub>2</sub><sup>3</sup></p>",
    "<p>line one<br />line two</p><hr />",
    "<h1>One</h1><h2>Two</h2><h3>Three</h3><h4>Four</h4><h5>Five</h5><h6>Six</h6>",
    "<ul><li>one</li><li>two</li></ul><ol><li>first</li></ol>",
    "<blockquote><p>quoted</p></blockquote>",
    "<pre><code>const x = 1 &lt; 2;</code></pre>",
    '<div><span>a &amp; b &lt;c&gt; "d"</span></div>',
    '<img src="https://example.com/a.png" alt="A" width="10" height="20" />',
    '<img src="data:image/png;base64,iVBORw0KGgo=" alt="" />',
    '<img src="cid:logo@example.com" alt="logo" />',
    '<table><thead><tr><th colspan="2">Head</th></tr></thead><tbody><tr><td>a</td><td rowspan="1">b</td></tr></tbody></table>',
    `<a href="https://example.com/path?q=1&amp;r=2" title="Example" ${rel}>link</a>`,
    `<a href="mailto:help@example.com" ${rel}>mail</a>`,
    `<a href="tel:+15551234567" ${rel}>call</a>`,
    `<a href="/helpdesk/tickets/tkt_1" ${rel}>relative</a>`,
  ])("keeps %s", (html) => {
    expect(sanitizeHtml(html)).toBe(html);
  });

  it("forces rel and target on links and strips classes, styles and ids", () => {
    expect(sanitizeHtml(`<a href="https://example.com" target="_self" rel="opener" class="c" id="i" style="x">x</a>`)).toBe(
      `<a href="https://example.com" ${rel}>x</a>`,
    );
  });
});

describe("htmlToText", () => {
  it("turns paragraphs and line breaks into lines", () => {
    expect(htmlToText("<p>First paragraph</p><p>Second<br>line</p>")).toBe("First paragraph\n\nSecond\nline");
  });

  it("decodes entities", () => {
    expect(htmlToText("<p>Fish &amp; chips &lt;3 &eacute;t&eacute; &#8364;5 &nbsp;ok</p>")).toBe("Fish & chips <3 été €5 \u00a0ok");
  });

  it("never shows script, style or image content", () => {
    const text = htmlToText(
      `<p>Hi</p><script>alert("SECRET")</script><style>p{color:red}</style><img src="https://e.com/x.png" alt="SECRET">`,
    );
    expect(text).toBe("Hi");
  });

  it("writes links as text with the url, lists as items, and does not wrap", () => {
    const long = "word ".repeat(40).trim();
    const text = htmlToText(`<p>${long}</p><ul><li>one</li><li>two</li></ul><p><a href="https://example.com">site</a></p>`);
    expect(text).toBe(`${long}\n\n * one\n * two\n\nsite [https://example.com]`);
  });

  it("returns an empty string for empty or whitespace-only HTML", () => {
    expect(htmlToText("")).toBe("");
    expect(htmlToText("  <p> </p>  ")).toBe("");
  });
});
