/** A plot with its caption; the plots from src/plots carry their own titles. */
import { h } from "../dom.js";

export function figure(caption: string, body: Node): HTMLElement {
  return h("figure", { class: "figure" }, body, h("figcaption", null, caption));
}
