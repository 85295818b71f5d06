/**
 * Vega-Lite spec → standalone SVG text, through vega's headless SVG renderer (no DOM, no canvas;
 * the same in Node and a browser). vega and vega-lite are loaded on first use with a dynamic
 * import, so the web app's first page does not carry them and importing a spec builder costs nothing.
 */
import type { TopLevelSpec } from "vega-lite";
import { escapeAttr, escapeText } from "./markup.js";
import type { HbayesUsermeta } from "./spec.js";
import { plainText } from "./text.js";

export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const [vega, vegaLite] = await Promise.all([import("vega"), import("vega-lite")]);
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: "none" });
  try {
    return withRoot(await view.toSVG(), metaOf(spec));
  } finally {
    view.finalize();
  }
}

function metaOf(spec: TopLevelSpec): HbayesUsermeta {
  const m = (spec.usermeta as { hbayes?: Partial<HbayesUsermeta> } | undefined)?.hbayes;
  const t = spec.title as unknown;
  const text = typeof t === "object" && t !== null && "text" in t ? (t as { text: unknown }).text : t;
  const fallback = typeof text === "string" ? text : "";
  return {
    kind: typeof m?.kind === "string" && /^[a-z-]+$/.test(m.kind) ? m.kind : "custom",
    title: plainText(typeof m?.title === "string" ? m.title : fallback),
    ...(typeof m?.description === "string" ? { description: plainText(m.description) } : {}),
  };
}

/**
 * Replaces vega's root element with ours: a class per plot kind, `role="img"` with the title as
 * accessible name, and `<title>`/`<desc>` children. Only the size attributes are carried over
 * (checked to be numbers); the xlink namespace goes because nothing in a plot links anywhere.
 */
function withRoot(svg: string, meta: HbayesUsermeta): string {
  const open = /^<svg\b[^>]*>/.exec(svg);
  if (open === null || !svg.endsWith("</svg>")) throw new Error("renderSvg: vega returned something other than one <svg> element");
  const num = (name: string) => {
    const m = new RegExp(`\\s${name}="([0-9.]+)"`).exec(open[0]);
    if (m === null) throw new Error(`renderSvg: vega's <svg> has no numeric ${name}`);
    return m[1];
  };
  const width = num("width");
  const height = num("height");
  const root =
    `<svg xmlns="http://www.w3.org/2000/svg" class="hb-plot hb-${meta.kind}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"` +
    ` role="img" aria-label="${escapeAttr(meta.title)}">` +
    `<title>${escapeText(meta.title)}</title>` +
    (meta.description !== undefined ? `<desc>${escapeText(meta.description)}</desc>` : "");
  return root + svg.slice(open[0].length);
}
