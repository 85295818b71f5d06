/**
 * A plot from src/plots (standalone SVG text, rendered by vega, which src/plots loads on first use
 * so the page's first bundle does not carry it) as DOM nodes, once it is rendered. `embedSvg` first refuses anything with a
 * script, handler, link or foreign content; the text is then parsed as XML, never as HTML, so the
 * escaped user labels inside stay text.
 */
import { embedSvg } from "../../../src/plots/markup.js";
import { h } from "../dom.js";

export async function svgPlot(rendering: Promise<string>, testId?: string): Promise<HTMLElement> {
  const svg = await rendering;
  embedSvg(svg);
  const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
  if (doc.getElementsByTagName("parsererror").length > 0 || doc.documentElement.localName !== "svg") {
    throw new Error("svgPlot: the plot is not well-formed SVG");
  }
  const node = document.importNode(doc.documentElement, true);
  node.removeAttribute("width");
  node.removeAttribute("height");
  node.classList.add("plot");
  return h("div", { class: "plot-frame", "data-testid": testId ?? null }, node);
}
