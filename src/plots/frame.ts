/**
 * The frame every plot shares: a standalone `<svg>` with a viewBox, an accessible name (`<title>`
 * and `aria-label`), a visible title, the plotting area translated by the margins, and notes under
 * the axes (e.g. "3 non-finite draws skipped") so nothing is dropped silently.
 */
import { el, fragment, render, type Child, type Markup } from "./markup.js";
import { THEME } from "./theme.js";

export interface Margins {
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  readonly left: number;
}

export interface Frame {
  readonly width: number;
  readonly height: number;
  readonly margin: Margins;
  /** Size of the plotting area inside the margins. */
  readonly innerWidth: number;
  readonly innerHeight: number;
}

export const NOTE_LINE = 15;

/** A frame whose total height grows by one line per note, so notes never overlap the axis label. */
export function makeFrame(width: number, height: number, margin: Margins, notes: number): Frame {
  const m = { ...margin, bottom: margin.bottom + notes * NOTE_LINE };
  const h = height + notes * NOTE_LINE;
  return {
    width,
    height: h,
    margin: m,
    innerWidth: Math.max(10, width - m.left - m.right),
    innerHeight: Math.max(10, h - m.top - m.bottom),
  };
}

export interface DocumentOptions {
  /** Visible title and accessible name. */
  readonly title: string;
  /** Longer accessible description (`<desc>`). */
  readonly description?: string;
  readonly notes?: readonly string[];
  /** A class on the root, so a report's CSS can size plots by kind. */
  readonly kind: string;
}

export function svgDocument(frame: Frame, opts: DocumentOptions, body: Child): string {
  const notes = opts.notes ?? [];
  const root = el(
    "svg",
    {
      xmlns: "http://www.w3.org/2000/svg",
      class: `hb-plot hb-${opts.kind}`,
      width: frame.width,
      height: frame.height,
      viewBox: `0 0 ${frame.width} ${frame.height}`,
      role: "img",
      "aria-label": opts.title,
      "font-family": THEME.font,
      "font-size": THEME.tickSize,
      fill: THEME.text,
    },
    el("title", null, opts.title),
    opts.description ? el("desc", null, opts.description) : null,
    el("rect", { width: frame.width, height: frame.height, fill: "#ffffff" }),
    el(
      "text",
      { x: frame.margin.left, y: 18, "font-size": THEME.titleSize, "font-weight": 600 },
      opts.title,
    ),
    el("g", { transform: `translate(${frame.margin.left},${frame.margin.top})` }, body),
    notes.map((n, i) =>
      el("text", { class: "note", x: frame.margin.left, y: frame.height - (notes.length - 1 - i) * NOTE_LINE - 7, fill: THEME.muted }, n),
    ),
  );
  return render(root);
}

/** Several markup pieces as one child; handy for building lists of marks. */
export function group(attrs: Record<string, string | number> | null, ...children: Child[]): Markup {
  return attrs ? el("g", attrs, ...children) : fragment(...children);
}
