import { describe, expect, it } from "vitest";
import { el, embedSvg, escapeAttr, escapeText, fragment, render } from "../../src/plots/markup.js";
import { checkWellFormed, HOSTILE } from "./support/wellFormed.js";

describe("markup builder", () => {
  it("escapeText and escapeAttr turn markup characters into entities", () => {
    expect(escapeText(`<a href="x">&'`)).toBe(`&lt;a href="x"&gt;&amp;'`);
    expect(escapeAttr(`<a href="x">&'`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
  });

  it("el() escapes every text child and attribute value, for each hostile string", () => {
    for (const s of HOSTILE) {
      const out = render(el("svg", { "aria-label": s, class: "x" }, el("title", null, s), el("text", { x: 1 }, s), s));
      expect(out).not.toContain("<script");
      expect(out).not.toContain("<img");
      expect(out).not.toMatch(/\sonload="/);
      expect(out).not.toContain("\u0000");
      checkWellFormed(out);
    }
  });

  it("el() replaces code points XML forbids with U+FFFD", () => {
    expect(render(el("text", null, "a\u0001b\uD800c"))).toBe("<text>a\uFFFDb\uFFFDc</text>");
  });

  it("el() rejects tag and attribute names that are not plain identifiers", () => {
    expect(() => el("svg onload", null)).toThrow(/el: tag must be a plain name/);
    expect(() => el("g", { 'x" onload="y': 1 })).toThrow(/el: attribute must be a plain name/);
  });

  it("el() self-closes SVG leaves, writes HTML void elements bare and closes everything else", () => {
    expect(render(el("path", { d: "M0,0" }))).toBe('<path d="M0,0"/>');
    expect(render(el("meta", { charset: "utf-8" }))).toBe('<meta charset="utf-8">');
    expect(render(el("td", null))).toBe("<td></td>");
    expect(render(fragment("a", 1.23456, null, false, ["<"]))).toBe("a1.23&lt;");
  });

  it("el() drops null/false attributes and rounds numbers to 0.01", () => {
    expect(render(el("circle", { cx: 1.23456, cy: null, r: false, open: true }))).toBe('<circle cx="1.23" open=""/>');
  });

  it("embedSvg() accepts one plot SVG, drops the namespace and rejects scripts and handlers", () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><path d="M0,0"/></svg>';
    expect(render(embedSvg(svg))).toBe('<svg viewBox="0 0 1 1"><path d="M0,0"/></svg>');
    expect(() => embedSvg("<svg ><script>x</script></svg>")).toThrow(/script/);
    expect(() => embedSvg('<svg  onload="x"></svg>')).toThrow(/event handler/);
    expect(() => embedSvg('<svg ><a href="x">y</a></svg>')).toThrow(/link/);
    expect(render(embedSvg('<svg ><text aria-label="a onload=x">&lt;script&gt; onerror=1</text></svg>'))).toContain("onerror");
    expect(() => embedSvg("<div></div>")).toThrow(/standalone <svg>/);
    expect(() => embedSvg("<svg ></svg><svg ></svg>")).toThrow(/standalone <svg>/);
  });
});
