// CONTRACT section 5: message content is stored sanitized. Filter-evasion vectors in the style of the OWASP XSS
// cheat sheet go in over HTTP; the 201 answer, a later GET and the stored row must all be harmless.
import { getDb } from "@helpdesk/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, signInAs, startApi, type TestApi } from "./support/api.ts";
import { createTicket, postMessage } from "./support/fixtures.ts";

const XSS_VECTORS: string[] = [
  `<script>alert('XSS')</script>`,
  `<SCRIPT SRC=http://xss.rocks/xss.js></SCRIPT>`,
  `<ScRiPt>alert(1)</sCrIpT>`,
  `<SCRIPT/XSS SRC="http://xss.rocks/xss.js"></SCRIPT>`,
  `<<SCRIPT>alert("XSS");//\\<</SCRIPT>`,
  `<SCRIPT SRC=http://xss.rocks/xss.js?< B >`,
  `</TITLE><SCRIPT>alert("XSS");</SCRIPT>`,
  `<scr<script>ipt>alert(1)</scr</script>ipt>`,
  `<IMG """><SCRIPT>alert("XSS")</SCRIPT>">`,
  `<IMG SRC="javascript:alert('XSS');">`,
  `<IMG SRC=JaVaScRiPt:alert('XSS')>`,
  `<IMG SRC=# onmouseover="alert('xxs')">`,
  `<IMG SRC=/ onerror="alert(String.fromCharCode(88,83,83))"></img>`,
  `<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>`,
  `<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29>`,
  `<IMG SRC="jav\tascript:alert('XSS');">`,
  `<IMG SRC="jav&#x09;ascript:alert('XSS');">`,
  `<IMG SRC=" &#14;  javascript:alert('XSS');">`,
  `<img src=x:alert(alt) onerror=eval(src) alt=0>`,
  `<IMG SRC='vbscript:msgbox("XSS")'>`,
  `<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">`,
  `<img src="DATA:text/html,<script>alert(1)</script>">`,
  `<a onmouseover="alert(document.cookie)">xxs link</a>`,
  `<a href="javascript:alert(1)">x</a>`,
  `<a href="JaVaScRiPt:alert(1)">x</a>`,
  `<a href="&#x6A;avascript:alert(1)">x</a>`,
  `<a href="  javascript:alert(1)">x</a>`,
  `<a href="javascript&colon;alert(1)">x</a>`,
  `<a href="java<!-- -->script:alert(1)">x</a>`,
  `<a href="vbscript:msgbox('XSS')">x</a>`,
  `<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>`,
  `<a href="https://ok.example" onclick="alert(1)" style="color:red">x</a>`,
  `<svg/onload=alert('XSS')>`,
  `<svg><script>alert(1)</script></svg>`,
  `<BODY ONLOAD=alert('XSS')>`,
  "<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert(\"XSS\")>",
  `<IFRAME SRC="javascript:alert('XSS');"></IFRAME>`,
  `<iframe srcdoc="<script>alert(1)</script>"></iframe>`,
  `<iframe src="data:text/html,<script>alert(1)</script>"></iframe>`,
  `<FRAMESET><FRAME SRC="javascript:alert('XSS');"></FRAMESET>`,
  `<OBJECT TYPE="text/x-scriptlet" DATA="http://xss.rocks/scriptlet.html"></OBJECT>`,
  `<EMBED SRC="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9ImFsZXJ0KDEpIj48L3N2Zz4=" type="image/svg+xml" AllowScriptAccess="always"></EMBED>`,
  `<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:alert('XSS');">`,
  `<BASE HREF="javascript:alert('XSS');//">`,
  `<LINK REL="stylesheet" HREF="javascript:alert('XSS');">`,
  `<STYLE>@import'http://xss.rocks/xss.css';</STYLE>`,
  `<IMG STYLE="xss:expr/*XSS*/ession(alert('XSS'))">`,
  `<div style="background-image: url(javascript:alert('XSS'))">x</div>`,
  `<TABLE BACKGROUND="javascript:alert('XSS')"><TR><TD BACKGROUND="javascript:alert('XSS')">x</TD></TR></TABLE>`,
  `<form action="javascript:alert(1)"><input type="submit"></form>`,
  `<button formaction="javascript:alert(1)">x</button>`,
  `<input autofocus onfocus=alert(1)>`,
  `<details open ontoggle=alert(1)>x</details>`,
  `<math><maction actiontype="statusline#" xlink:href="javascript:alert(1)">CLICK</maction></math>`,
  `<template><img src=x onerror=alert(1)></template>`,
  `<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>`,
  `<div><style><img src=x onerror=alert(1)></style></div>`,
  `<video><source onerror="alert(1)"></video>`,
  `<marquee onstart=alert(1)>x</marquee>`,
  `<xss onafterscriptexecute=alert(1)><script>1</script>`,
  `<XML ID="xss"><I><B><IMG SRC="javas<!-- -->cript:alert('XSS')"></B></I></XML>`,
  `<!--<script>alert(1)</script>-->`,
];

const FORBIDDEN_TAG =
  /<\s*\/?\s*(script|iframe|object|embed|applet|style|svg|math|form|input|button|meta|base|link|frame|frameset|template|body|html|head|xml|portal|noscript|textarea)\b/i;
// Any attribute whose name starts with "on", however odd the rest of the name.
const HANDLER_ATTRIBUTE = /<[^>]*[\s/"']on[^\s=>]*\s*=/i;
const STYLE_ATTRIBUTE = /<[^>]*[\s/"']style\s*=/i;
const SCRIPT_URLS = ["javascript:", "vbscript:", "data:text/html", "data:image/svg"];

/** Numeric entities and the named ones that hide a scheme's colon or split it; `&lt;` stays, it is text. */
function decodeUrlEntities(html: string): string {
  return html
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&colon;/gi, ":")
    .replace(/&(tab|newline);/gi, " ");
}

function problems(html: string): string[] {
  const found: string[] = [];
  if (/<\s*script/i.test(html)) found.push("<script");
  const tag = FORBIDDEN_TAG.exec(html);
  if (tag) found.push(`tag ${tag[0]}`);
  if (HANDLER_ATTRIBUTE.test(html)) found.push("event handler attribute");
  if (STYLE_ATTRIBUTE.test(html)) found.push("style attribute");
  // How a browser reads a scheme: control characters and spaces inside it are skipped.
  const squeezed = decodeUrlEntities(html).replace(/[\u0000-\u0020]+/g, "").toLowerCase();
  for (const url of SCRIPT_URLS) {
    if (html.toLowerCase().includes(url) || squeezed.includes(url)) found.push(url);
  }
  return found;
}

let api: TestApi;
let agent: Awaited<ReturnType<typeof signInAs>>;
let ticketId: string;
beforeAll(async () => {
  api = await startApi();
  agent = await signInAs(api, "agent");
  ticketId = (await createTicket(api, agent.token)).id;
});
afterAll(() => api.close());

describe("XSS vectors posted as content", () => {
  it("has a corpus of at least 30 vectors", () => {
    expect(XSS_VECTORS.length).toBeGreaterThanOrEqual(30);
  });

  it("the checker itself catches each kind of danger", () => {
    expect(problems(`<p onclick="x()">a</p>`)).toContain("event handler attribute");
    expect(problems(`<a href="jav&#x09;ascript:alert(1)">x</a>`)).toContain("javascript:");
    expect(problems(`<iframe src="https://x"></iframe>`)).toEqual([`tag <iframe`]);
    expect(problems(`<p>safe <b>text</b></p>`)).toEqual([]);
  });

  it.each(XSS_VECTORS.map((vector, index) => [index, vector] as const))("vector %i is neutralised: %s", async (_index, vector) => {
    const response = await postMessage(api, agent.token, { ticket_id: ticketId, type: "note", content: `<p>Vector:</p>${vector}` });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(response.body.content).toMatch(/^<p>Vector:<\/p>/);
    expect(problems(response.body.content), response.body.content).toEqual([]);
    expect(response.body.textContent).not.toMatch(/<\s*script/i);

    const read = await call(api, "GET", `/messages/${response.body.id}`, { token: agent.token });
    expect(read.status).toBe(200);
    expect(read.body.content).toBe(response.body.content);
    expect(problems(read.body.content)).toEqual([]);

    const row = await getDb().message.findUniqueOrThrow({ where: { id: response.body.id } });
    expect(row.content).toBe(response.body.content);
    expect(problems(row.content)).toEqual([]);
  });
});

describe("benign markup", () => {
  it("survives: paragraph, bold, https link, list, https image", async () => {
    const content =
      `<p>Hello <b>bold</b> and <strong>strong</strong></p><ul><li>one</li><li>two</li></ul>` +
      `<p><a href="https://example.com/docs">docs</a></p><p><img src="https://example.com/pic.png" alt="pic"></p>`;
    const response = await postMessage(api, agent.token, { ticket_id: ticketId, content });
    expect(response.status).toBe(201);
    for (const html of [response.body.content, (await call(api, "GET", `/messages/${response.body.id}`, { token: agent.token })).body.content]) {
      expect(html).toContain("<p>Hello <b>bold</b> and <strong>strong</strong></p>");
      expect(html).toContain("<ul><li>one</li><li>two</li></ul>");
      expect(html).toMatch(/<a [^>]*href="https:\/\/example\.com\/docs"[^>]*>docs<\/a>/);
      expect(html).toMatch(/<img [^>]*src="https:\/\/example\.com\/pic\.png"/);
      expect(html).toMatch(/<img [^>]*alt="pic"/);
    }
    expect(response.body.textContent).toContain("Hello bold and strong");
    expect(response.body.textContent).toMatch(/one[\s\S]*two/);
  });
});

describe("derived textContent", () => {
  it("carries no script, style or handler text", async () => {
    const content = `<p>Dear team,</p><script>stealCookies("SECRET-1")</script><style>body{background:url("SECRET-2")}</style><p onmouseover="SECRET-3()">please help</p>`;
    const response = await postMessage(api, agent.token, { ticket_id: ticketId, content });
    expect(response.status).toBe(201);
    expect(response.body.textContent).toMatch(/Dear team,\s+please help/);
    expect(response.body.textContent).not.toMatch(/SECRET|stealCookies|background/);
    expect(response.body.content).not.toMatch(/SECRET|stealCookies/);
  });

  it("applies to a ticket's first message too", async () => {
    const response = await call(api, "POST", "/tickets", {
      token: agent.token,
      body: { subject: "XSS in a new ticket", requester_email: "x@example.test", content: `<p>Hi</p><img src=x onerror=alert(1)><script>alert(2)</script>` },
    });
    expect(response.status).toBe(201);
    const list = await call(api, "GET", `/messages?ticket_id=${response.body.id}`, { token: agent.token });
    const first = list.body.data[0];
    expect(problems(first.content)).toEqual([]);
    expect(first.content).not.toContain("alert");
    expect(first.textContent).toBe("Hi");
  });
});
