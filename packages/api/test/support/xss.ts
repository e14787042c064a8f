// The XSS corpus and the "is this HTML harmless" checker, shared by the sanitizer's unit tests here and the REST
// adapter's tests over HTTP (which import it as @helpdesk/api/test-support/xss).
import { DomUtils, parseDocument } from "htmlparser2";

// Filter-evasion vectors in the style of the OWASP XSS cheat sheet, plus mutation-XSS and parser-confusion cases.
export const XSS_VECTORS: string[] = [
  `<script>alert('XSS')</script>`,
  `<SCRIPT SRC=http://xss.rocks/xss.js></SCRIPT>`,
  `<ScRiPt>alert(1)</sCrIpT>`,
  `<SCRIPT/XSS SRC="http://xss.rocks/xss.js"></SCRIPT>`,
  `<<SCRIPT>alert("XSS");//\\<</SCRIPT>`,
  `<SCRIPT SRC=http://xss.rocks/xss.js?< B >`,
  `</TITLE><SCRIPT>alert("XSS");</SCRIPT>`,
  `<scr<script>ipt>alert(1)</scr</script>ipt>`,
  `<scr\u0000ipt>alert(1)</scr\u0000ipt>`,
  `<IMG """><SCRIPT>alert("XSS")</SCRIPT>">`,
  `<IMG SRC="javascript:alert('XSS');">`,
  `<IMG SRC=JaVaScRiPt:alert('XSS')>`,
  `<IMG SRC=javascript:alert(&quot;XSS&quot;)>`,
  "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
  `<IMG SRC=javascript:alert(String.fromCharCode(88,83,83))>`,
  `<IMG SRC=# onmouseover="alert('xxs')">`,
  `<IMG SRC=/ onerror="alert(String.fromCharCode(88,83,83))"></img>`,
  `<img src=x onerror="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041">`,
  `<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>`,
  `<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29>`,
  `<IMG SRC="jav\tascript:alert('XSS');">`,
  `<IMG SRC="jav&#x09;ascript:alert('XSS');">`,
  `<IMG SRC="jav&#x0A;ascript:alert('XSS');">`,
  `<IMG SRC="jav&#x0D;ascript:alert('XSS');">`,
  `<IMG SRC=java\u0000script:alert("XSS")>`,
  `<IMG SRC=" &#14;  javascript:alert('XSS');">`,
  `<img src=x:alert(alt) onerror=eval(src) alt=0>`,
  `<img src="x" srcset="javascript:alert(1)">`,
  `<IMG SRC='vbscript:msgbox("XSS")'>`,
  `<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">`,
  `<img src=" d&#x09;ata:image/svg+xml;utf8,<svg onload=alert(1)>">`,
  `<img src="DATA:text/html,<script>alert(1)</script>">`,
  `<a onmouseover="alert(document.cookie)">xxs link</a>`,
  `<a href="javascript:alert(1)">x</a>`,
  `<a href="JaVaScRiPt:alert(1)">x</a>`,
  `<a href="jav&#x09;ascript:alert(1)">x</a>`,
  `<a href="&#x6A;avascript:alert(1)">x</a>`,
  `<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)">x</a>`,
  `<a href="  javascript:alert(1)">x</a>`,
  `<a href="javascript&colon;alert(1)">x</a>`,
  `<a href="java<!-- -->script:alert(1)">x</a>`,
  `<a href="vbscript:msgbox('XSS')">x</a>`,
  `<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>`,
  `<a href="data:text/html,<script>alert(1)</script>">x</a>`,
  `<a href="https://ok.example" onclick="alert(1)" style="color:red">x</a>`,
  `<svg/onload=alert('XSS')>`,
  `<svg><script>alert(1)</script></svg>`,
  `<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>`,
  `<svg><animate attributeName="href" values="#;javascript:alert(1)"/></svg>`,
  `<BODY ONLOAD=alert('XSS')>`,
  "<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert(\"XSS\")>",
  `<BODY BACKGROUND="javascript:alert('XSS')">`,
  `<IFRAME SRC="javascript:alert('XSS');"></IFRAME>`,
  `<iframe src=http://xss.rocks/scriptlet.html <`,
  `<iframe srcdoc="<script>alert(1)</script>"></iframe>`,
  `<iframe src="data:text/html,<script>alert(1)</script>"></iframe>`,
  `<FRAMESET><FRAME SRC="javascript:alert('XSS');"></FRAMESET>`,
  `<OBJECT TYPE="text/x-scriptlet" DATA="http://xss.rocks/scriptlet.html"></OBJECT>`,
  `<object data="javascript:alert(1)"></object>`,
  `<EMBED SRC="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9ImFsZXJ0KDEpIj48L3N2Zz4=" type="image/svg+xml" AllowScriptAccess="always"></EMBED>`,
  `<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:alert('XSS');">`,
  `<META HTTP-EQUIV="refresh" CONTENT="0;url=data:text/html base64,PHNjcmlwdD5hbGVydCgnWFNTJyk8L3NjcmlwdD4K">`,
  `<META HTTP-EQUIV="Link" Content="<http://xss.rocks/xss.css>; REL=stylesheet">`,
  `<BASE HREF="javascript:alert('XSS');//">`,
  `<base href="http://evil.example/">`,
  `<LINK REL="stylesheet" HREF="javascript:alert('XSS');">`,
  `<link rel="import" href="http://evil.example/x.html">`,
  `<STYLE>@import'http://xss.rocks/xss.css';</STYLE>`,
  `<STYLE>BODY{-moz-binding:url("http://xss.rocks/xssmoz.xml#xss")}</STYLE>`,
  `<IMG STYLE="xss:expr/*XSS*/ession(alert('XSS'))">`,
  `<div style="background-image: url(javascript:alert('XSS'))">x</div>`,
  `<div style="width: expression(alert('XSS'));">x</div>`,
  `<p style="behavior: url(xss.htc)">x</p>`,
  `<TABLE BACKGROUND="javascript:alert('XSS')"><TR><TD BACKGROUND="javascript:alert('XSS')">x</TD></TR></TABLE>`,
  `<form action="javascript:alert(1)"><input type="submit"></form>`,
  `<button formaction="javascript:alert(1)">x</button>`,
  `<INPUT TYPE="IMAGE" SRC="javascript:alert('XSS');">`,
  `<input autofocus onfocus=alert(1)>`,
  `<details open ontoggle=alert(1)>x</details>`,
  `<math><maction actiontype="statusline#" xlink:href="javascript:alert(1)">CLICK</maction></math>`,
  `<template><img src=x onerror=alert(1)></template>`,
  `<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>`,
  `<div><style><img src=x onerror=alert(1)></style></div>`,
  `<textarea><script>alert(1)</script></textarea>`,
  `<select><option><img src=x onerror=alert(1)></option></select>`,
  `<video><source onerror="alert(1)"></video>`,
  `<audio src=x onerror=alert(1)>`,
  `<marquee onstart=alert(1)>x</marquee>`,
  `<xss onafterscriptexecute=alert(1)><script>1</script>`,
  `<div class="x" id="y" onmouseover="alert(1)">x</div>`,
  `<XML ID="xss"><I><B><IMG SRC="javas<!-- -->cript:alert('XSS')"></B></I></XML>`,
  `<!--<script>alert(1)</script>-->`,
  `<![CDATA[<script>alert(1)</script>]]>`,
  `<?xml-stylesheet href="javascript:alert(1)"?>`,
];

const ALLOWED_TAGS = new Set([
  ..."p br hr div span b strong i em u s sub sup code pre blockquote ul ol li a img".split(" "),
  ..."h1 h2 h3 h4 h5 h6 table thead tbody tr td th".split(" "),
]);
const FORBIDDEN_TAGS = "script style iframe object embed svg math meta base link form input frame frameset template".split(" ");
const ALLOWED_ATTRIBUTES: Record<string, string[]> = {
  a: ["href", "title", "target", "rel"],
  img: ["src", "alt", "width", "height"],
  td: ["colspan", "rowspan"],
  th: ["colspan", "rowspan"],
};
const ALLOWED_SCHEMES: Record<string, string[]> = {
  href: ["http", "https", "mailto", "tel"],
  src: ["http", "https", "cid", "data"],
};
const SAFE_DATA_IMAGE = /^data:image\/(?:png|jpeg|gif|webp)[;,]/;

// How a browser reads a URL's scheme: control characters and spaces are skipped.
function schemeView(url: string): string {
  return url.replace(/[\u0000-\u0020]+/g, "").toLowerCase();
}

/** Problems with a URL-bearing attribute; a value without a scheme is a relative URL, which is harmless. */
function urlProblems(tag: string, name: string, value: string): string[] {
  const url = schemeView(value);
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(url)?.[1];
  if (scheme === undefined) return [];
  if (/^(?:javascript|vbscript|livescript)$/.test(scheme) || url.startsWith("data:text")) {
    return [`script URL ${name}="${value}" on <${tag}>`];
  }
  if (!(ALLOWED_SCHEMES[name] ?? []).includes(scheme)) return [`scheme ${scheme}: in ${name} on <${tag}>`];
  if (scheme === "data" && !SAFE_DATA_IMAGE.test(url)) return [`non-raster data URL on <${tag}>`];
  return [];
}

/** Every problem found in sanitized HTML, read with a real HTML parser rather than regexes; [] when it is harmless. */
export function unsafeParts(html: string): string[] {
  const problems: string[] = [];
  if (/<\s*script/i.test(html)) problems.push("raw <script");
  const document = parseDocument(html, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  for (const element of DomUtils.findAll(() => true, document.children)) {
    const tag = element.name;
    if (FORBIDDEN_TAGS.includes(tag) || !ALLOWED_TAGS.has(tag)) problems.push(`tag <${tag}>`);
    for (const [name, value] of Object.entries(element.attribs)) {
      if (/^on/.test(name)) problems.push(`event handler ${name} on <${tag}>`);
      if (!(ALLOWED_ATTRIBUTES[tag] ?? []).includes(name)) problems.push(`attribute ${name} on <${tag}>`);
      if (name in ALLOWED_SCHEMES) problems.push(...urlProblems(tag, name, value));
    }
    if (tag === "a" && (element.attribs.rel !== "noopener noreferrer nofollow" || element.attribs.target !== "_blank")) {
      problems.push("link without forced rel/target");
    }
  }
  return problems;
}
