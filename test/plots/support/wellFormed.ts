/**
 * A tiny well-formedness check for the SVG and HTML we emit (tests have no XML parser): tags nest
 * and balance, attributes are quoted, every '&' starts a known entity, no raw '<' in text. HTML
 * void elements need no closing tag; <style> content is raw text.
 */
const VOID = new Set(["meta", "br", "hr", "img", "col", "wbr", "link", "input"]);
const ENTITY = /^&(amp|lt|gt|quot|#39|#x[0-9a-fA-F]+|#[0-9]+);/;

export interface TagCounts {
  readonly [tag: string]: number;
}

/** Throws with the position of the first problem; returns the number of elements per tag name. */
export function checkWellFormed(doc: string, html = false): TagCounts {
  const counts: Record<string, number> = {};
  const stack: string[] = [];
  let i = 0;
  if (html) {
    if (!doc.startsWith("<!DOCTYPE html>")) throw new Error("missing <!DOCTYPE html>");
    i = "<!DOCTYPE html>".length;
  }
  let roots = 0;
  while (i < doc.length) {
    const c = doc[i];
    if (c === "<") {
      if (doc.startsWith("</", i)) {
        const m = /^<\/([A-Za-z][A-Za-z0-9:-]*)>/.exec(doc.slice(i));
        if (!m) throw new Error(`bad closing tag at ${i}: ${doc.slice(i, i + 40)}`);
        const open = stack.pop();
        if (open !== m[1]) throw new Error(`</${m[1]}> at ${i} closes <${open}>`);
        i += m[0].length;
        continue;
      }
      const m = /^<([A-Za-z][A-Za-z0-9:-]*)((?:\s+[A-Za-z][A-Za-z0-9:-]*="[^"<]*")*)\s*(\/?)>/.exec(doc.slice(i));
      if (!m) throw new Error(`bad opening tag at ${i}: ${doc.slice(i, i + 60)}`);
      checkEntities(m[2], i);
      const tag = m[1];
      counts[tag] = (counts[tag] ?? 0) + 1;
      if (stack.length === 0) roots++;
      i += m[0].length;
      if (m[3] === "/" || (html && VOID.has(tag))) continue;
      if (tag === "style") {
        const end = doc.indexOf("</style>", i);
        if (end < 0) throw new Error("unclosed <style>");
        if (/[<&]/.test(doc.slice(i, end))) throw new Error("markup characters inside <style>");
        i = end + "</style>".length;
        continue;
      }
      stack.push(tag);
      continue;
    }
    if (c === "&") {
      if (!ENTITY.test(doc.slice(i, i + 12))) throw new Error(`bare '&' at ${i}: ${doc.slice(i, i + 20)}`);
    }
    if (c === ">" ) throw new Error(`raw '>' in text at ${i}: ${doc.slice(Math.max(0, i - 30), i + 10)}`);
    if (stack.length === 0 && !/\s/.test(c)) throw new Error(`text outside the root element at ${i}`);
    i++;
  }
  if (stack.length) throw new Error(`unclosed <${stack.join("> <")}>`);
  if (roots !== 1) throw new Error(`expected one root element, found ${roots}`);
  return counts;
}

function checkEntities(attrs: string, at: number): void {
  for (let k = attrs.indexOf("&"); k >= 0; k = attrs.indexOf("&", k + 1)) {
    if (!ENTITY.test(attrs.slice(k, k + 12))) throw new Error(`bare '&' in attribute near ${at}`);
  }
}

/** Count elements with a given class (exact class token). */
export function countClass(doc: string, cls: string): number {
  const re = new RegExp(`class="(?:[^"]*\\s)?${cls}(?:\\s[^"]*)?"`, "g");
  return (doc.match(re) ?? []).length;
}

/** All numbers in coordinate-like attributes, to check none is NaN or Infinity. */
export function hasBadNumbers(doc: string): boolean {
  return /="[^"]*(NaN|Infinity)[^"]*"/.test(doc);
}

/** User strings that must never come out as markup. */
export const HOSTILE = [
  `<script>alert(1)</script>`,
  `"&'<>`,
  `a"onload="alert(1)`,
  `</svg><img src=x onerror=alert(1)>`,
  `]]><!--`,
  "bell\u0007 and NUL\u0000",
];

/** Names of all elements and attributes (exact: escaped values hold no raw '"', '<' or '>'). */
export function markupNames(doc: string): { tags: Set<string>; attrs: Set<string> } {
  const tags = new Set<string>();
  const attrs = new Set<string>();
  for (const t of doc.matchAll(/<([A-Za-z][A-Za-z0-9:-]*)((?:\s+[A-Za-z][A-Za-z0-9:-]*="[^"]*")*)\s*\/?>/g)) {
    tags.add(t[1].toLowerCase());
    for (const a of t[2].matchAll(/([A-Za-z][A-Za-z0-9:-]*)="/g)) attrs.add(a[1].toLowerCase());
  }
  return { tags, attrs };
}

/** True when user input became markup: a script/img/iframe element, an on* handler or a link. */
export function hasInjectedMarkup(doc: string): boolean {
  const { tags, attrs } = markupNames(doc);
  return ["script", "img", "iframe", "a", "foreignobject"].some((t) => tags.has(t)) || [...attrs].some((a) => a.startsWith("on") || a === "href" || a === "src");
}

/**
 * Number of items vega drew for the Vega-Lite layer named `name` (its SVG groups have class
 * `<name>_marks`; a line split by colour or detail is one group, one path, per series).
 */
export function markItems(svg: string, name: string): number {
  let n = 0;
  for (const g of svg.matchAll(new RegExp(`<g class="mark-\\w+ role-mark ${name}_marks"[^>]*>(.*?)</g>`, "g"))) {
    n += (g[1].match(/<(path|line|rect|text|circle)\b/g) ?? []).length;
  }
  return n;
}

/** Number of mark groups (one per series for lines) of the layer named `name`. */
export function markGroups(svg: string, name: string): number {
  return (svg.match(new RegExp(`<g class="mark-\\w+ role-mark ${name}_marks"`, "g")) ?? []).length;
}

/** The inline data of the layer named `name` in a spec built by src/plots (own data, else the top-level data). */
export function layerData(spec: unknown, name: string): Record<string, unknown>[] {
  const s = spec as { data?: { values: Record<string, unknown>[] }; layer?: { name?: string; data?: { values: Record<string, unknown>[] } }[]; spec?: { layer?: { name?: string }[] } };
  const layers = s.layer ?? (s.spec?.layer as typeof s.layer) ?? [];
  const layer = layers.find((l) => l.name === name);
  if (layer === undefined) throw new Error(`no layer named ${name}`);
  return (layer.data ?? s.data)!.values;
}

/** A layer's spec, to check its encodings. */
export function layerOf(spec: unknown, name: string): { mark: Record<string, unknown>; encoding: Record<string, Record<string, unknown>>; transform?: unknown[] } {
  const s = spec as { layer?: { name?: string }[]; spec?: { layer?: { name?: string }[] } };
  const layer = (s.layer ?? s.spec?.layer ?? []).find((l) => l.name === name);
  if (layer === undefined) throw new Error(`no layer named ${name}`);
  return layer as never;
}
