/**
 * A tiny markup builder for SVG and HTML as text. Every text node and every attribute value goes
 * through an escaper, so user strings (parameter names, factor levels such as `<script>` or `"&'`)
 * can never become markup. The only way to put markup into the output is through `el`, whose tag and
 * attribute names must be plain identifiers (they are code constants, never user input).
 */

const MARKUP = Symbol("markup");

/** A rendered, already-escaped fragment. Only `el` and `fragment` create one. */
export interface Markup {
  readonly [MARKUP]: string;
}

export type Child = Markup | string | number | null | undefined | false | readonly Child[];
export type AttrValue = string | number | boolean | null | undefined;
export type Attrs = Readonly<Record<string, AttrValue>>;

const NAME = /^[A-Za-z][A-Za-z0-9:-]*$/;

// HTML void elements are written `<meta …>`; these SVG leaves are self-closed `<path …/>`, which is
// valid both in a standalone SVG (XML) and inside HTML (foreign content). Everything else is closed
// explicitly so that an empty `<td>` or `<title>` stays well-formed in HTML.
const HTML_VOID = new Set(["meta", "br", "hr", "img", "col", "wbr", "link", "input"]);
const SVG_LEAF = new Set(["path", "line", "rect", "circle", "ellipse", "polyline", "polygon"]);

// Code points XML 1.0 forbids (C0 controls except tab/newline/return, lone surrogates, U+FFFE/U+FFFF):
// replaced by U+FFFD so that a hostile label cannot make the SVG unparseable.
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeText(s: string): string {
  return s.replace(XML_INVALID, "\uFFFD").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

function wrap(s: string): Markup {
  return { [MARKUP]: s };
}

function isMarkup(c: unknown): c is Markup {
  return typeof c === "object" && c !== null && MARKUP in c;
}

function numberText(x: number): string {
  // Coordinates are rounded to 0.01 px: invisible, and it keeps the files small.
  return Number.isFinite(x) ? String(Math.round(x * 100) / 100) : String(x);
}

function renderChildren(children: readonly Child[], out: string[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) renderChildren(c as readonly Child[], out);
    else if (isMarkup(c)) out.push(c[MARKUP]);
    else if (typeof c === "number") out.push(numberText(c));
    else out.push(escapeText(String(c)));
  }
}

/** An element. `null`/`undefined`/`false` attributes are left out; `true` writes `name=""`. */
export function el(tag: string, attrs: Attrs | null, ...children: Child[]): Markup {
  if (!NAME.test(tag)) throw new RangeError(`el: tag must be a plain name, got ${JSON.stringify(tag)}`);
  let open = "<" + tag;
  if (attrs) {
    for (const key of Object.keys(attrs)) {
      const v = attrs[key];
      if (v === null || v === undefined || v === false) continue;
      if (!NAME.test(key)) throw new RangeError(`el: attribute must be a plain name, got ${JSON.stringify(key)}`);
      const text = v === true ? "" : typeof v === "number" ? numberText(v) : v;
      open += ` ${key}="${escapeAttr(text)}"`;
    }
  }
  const body: string[] = [];
  renderChildren(children, body);
  if (body.length === 0 && HTML_VOID.has(tag)) return wrap(open + ">");
  if (body.length === 0 && SVG_LEAF.has(tag)) return wrap(open + "/>");
  return wrap(open + ">" + body.join("") + "</" + tag + ">");
}

/** Several children as one fragment (no wrapper element). */
export function fragment(...children: Child[]): Markup {
  const body: string[] = [];
  renderChildren(children, body);
  return wrap(body.join(""));
}

export function render(m: Markup): string {
  return m[MARKUP];
}

/**
 * Wraps a standalone SVG made by the plot functions (already escaped through `el`) as markup, for
 * inlining in the HTML report. Not a general escape hatch: it rejects anything that is not one
 * `<svg>` element, and anything with a script, an event handler, a link or foreign content, as a second line
 * of defence (no links either: a report makes no requests). The XML namespace is dropped because inline SVG in HTML does not need it.
 */
export function embedSvg(svg: string): Markup {
  const s = svg.trim();
  if (!s.startsWith("<svg ") || !s.endsWith("</svg>") || s.indexOf("<svg ", 1) >= 0) {
    throw new RangeError("embedSvg: expected one standalone <svg> element from a plot function");
  }
  // Look at tag and attribute names only: escaped user text may well read "onload=" or "<script>".
  for (const tag of s.matchAll(/<\/?([A-Za-z][A-Za-z0-9:-]*)([^>]*)>/g)) {
    const name = tag[1].toLowerCase();
    const attrNames = [...tag[2].matchAll(/([A-Za-z][A-Za-z0-9:-]*)="[^"]*"/g)].map((a) => a[1].toLowerCase());
    if (name === "script" || name === "foreignobject" || attrNames.some((a) => a.startsWith("on") || a === "href" || a === "xlink:href")) {
      throw new RangeError(`embedSvg: the SVG contains a script, an event handler, a link or foreign content (<${name}>)`);
    }
  }
  return wrap(s.replace(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/, "<svg"));
}
