/**
 * brms's hypothesis() in the page: statements such as `floor < 0` or `Intercept + floor > 1`, several
 * separated by `;` or new lines, tested on the fit's draws (src/hypothesis). The text goes through
 * hypothesis's own grammar and is never evaluated as code; its UserErrors keep their caret line in a
 * <pre>, so the ^ sits under the character it points at.
 */
import { hypothesis, type HypothesisResult } from "../../src/hypothesis/hypothesis.js";
import { groupNames } from "../../src/posterior/coefficients.js";
import type { Draws } from "../../src/posterior/draws.js";
import { clear, h } from "./dom.js";
import { fmt } from "./format.js";
import { hypothesisList } from "./hypothesisList.js";


const HEADERS = ["Hypothesis", "Estimate", "Est.Error", "CI.Lower", "CI.Upper", "Evid.Ratio", "Post.Prob", "Star"] as const;

/** brms prints NA and Inf where R has them; the rest as the summary table formats numbers. */
function cell(v: number): string {
  if (Number.isNaN(v)) return "NA";
  if (v === Infinity) return "Inf";
  return fmt(v);
}

/** brms's table; a Group column first when the hypotheses were tested level by level (scope coef or ranef). */
export function hypothesisTable(result: HypothesisResult): HTMLTableElement {
  const byLevel = result.rows.some((r) => r.group !== undefined);
  return h(
    "table",
    { class: "summary hypothesis", "data-testid": "hypothesis-table" },
    h("thead", null, h("tr", null, byLevel ? h("th", { class: "name" }, "Group") : null, HEADERS.map((c, j) => h("th", j === 0 ? { class: "name" } : null, c)))),
    h(
      "tbody",
      null,
      result.rows.map((r) =>
        h(
          "tr",
          { "data-hypothesis": r.hypothesis, "data-group": r.group ?? null },
          byLevel ? h("td", { class: "name" }, r.group ?? "") : null,
          h("td", { class: "name" }, r.hypothesis),
          [r.estimate, r.estError, r.ciLower, r.ciUpper, r.evidRatio, r.postProb].map((v) => h("td", null, cell(v))),
          h("td", null, r.star ? "*" : ""),
        ),
      ),
    ),
  );
}

/** The legend brms prints under the table, for this α; `priorDraws` says whether point hypotheses can have an evidence ratio. */
export function hypothesisLegend(alpha: number, priorDraws: boolean): string {
  const one = Math.round((1 - 2 * alpha) * 1000) / 10;
  const two = Math.round((1 - alpha) * 1000) / 10;
  const point = priorDraws
    ? "a point hypothesis's is the Savage–Dickey ratio, posterior over prior density at the tested value (NA for an overall intercept, whose prior brms does not draw)"
    : "point hypotheses get NA: they need prior draws (choose sample: posterior + prior draws)";
  return `CI: ${one} % interval for one-sided (< or >) and ${two} % for point (=) hypotheses. Star: a one-sided posterior probability above ${two} %, or a tested value outside the ${two} % interval. Evid.Ratio of a one-sided hypothesis is P(H) / P(not H); ${point}.`;
}

/** Outputs the grammar can name as written (`mu`, not `theta[1]`), the sampler's `lp__` … left out: for the placeholder. */
function plainNames(draws: Draws): string[] {
  return draws.names.filter((n) => /^[A-Za-z.][A-Za-z0-9_.:]*$/.test(n) && !n.endsWith("__"));
}

const SCOPES = Object.freeze(["standard", "coef", "ranef"] as const);

function exampleFor(names: readonly string[]): string {
  if (names.length === 0) return "full names, e.g. a > 0";
  return `e.g. ${names.slice(0, 2).map((n, k) => `${n} ${k === 0 ? ">" : "<"} 0`).join("; ")}`;
}

/**
 * `defaultClass` is brms's class: "b" for a formula fit (write `floor` for `b_floor`), "" for a DSL
 * example (full names such as `mu` or `theta[1]`).
 */
export function hypothesisPanel(draws: Draws, defaultClass: string): HTMLElement {
  const input = h("textarea", {
    class: "mono",
    rows: 2,
    spellcheck: "false",
    autocomplete: "off",
    "data-testid": "hypothesis-input",
    placeholder: defaultClass === "b" ? "e.g. floor < 0; Intercept + floor > 1" : exampleFor(plainNames(draws)),
    "aria-label": "hypotheses, separated by ; or new lines",
    "aria-keyshortcuts": "Control+Enter",
  });
  const classInput = h("input", { class: "mono", spellcheck: "false", autocomplete: "off", value: defaultClass, "data-testid": "hypothesis-class", "aria-label": "class (name prefix; empty for full names)" });
  const button = h("button", { type: "button", class: "secondary", "data-testid": "hypothesis-run" }, "Test");
  // brms's scope and group: "coef" / "ranef" test every level of a grouping factor on its coef() / ranef() draws.
  const groups = groupNames(draws);
  const scopeSelect = h("select", { "data-testid": "hypothesis-scope", "aria-label": "scope" }, SCOPES.map((v) => h("option", { value: v }, v)));
  const groupSelect = h("select", { "data-testid": "hypothesis-group", "aria-label": "group" }, h("option", { value: "" }, "(none)"), groups.map((g) => h("option", { value: g }, g)));
  scopeSelect.addEventListener("change", () => {
    if (scopeSelect.value !== "standard" && groupSelect.value === "" && groups.length > 0) groupSelect.value = groups[0];
  });
  const out = h("div", { class: "hypothesis-out", "aria-live": "polite" });
  const test = () => {
    clear(out);
    const list = hypothesisList(input.value);
    try {
      const scope = scopeSelect.value as (typeof SCOPES)[number];
      const group = groupSelect.value;
      const result = hypothesis(draws, list, { class: classInput.value.trim(), scope, ...(group !== "" ? { group } : {}) });
      out.append(h("div", { class: "scroll" }, hypothesisTable(result)), h("p", { class: "note" }, hypothesisLegend(result.alpha, draws.names.some((n) => n.startsWith("prior_")))));
    } catch (e) {
      if (!(e instanceof Error && e.name === "UserError")) throw e;
      const [first, ...rest] = e.message.split("\n");
      out.append(
        h(
          "div",
          { class: "error", "data-testid": "hypothesis-error", role: "alert" },
          h("p", null, first),
          rest.length > 0 ? h("pre", { class: "caret", "data-testid": "hypothesis-caret", tabindex: 0 }, rest.join("\n")) : null,
        ),
      );
    }
  };
  button.addEventListener("click", test);
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      test();
    }
  });
  return h(
    "section",
    { class: "card", "data-testid": "hypothesis-panel" },
    h("h2", null, "Hypotheses"),
    h(
      "p",
      { class: "note" },
      "Statements about parameters tested on the draws, as brms's hypothesis(): left (<, > or =) right, e.g. floor < 0. Separate several with ; or new lines.",
      groups.length > 0 ? " Scope coef or ranef tests each level of the group on its coef() or ranef() draws (names as the coefficients table shows them: Intercept, floor)." : null,
    ),
    h("label", { class: "field wide" }, h("span", null, "hypotheses"), input),
    h(
      "div",
      { class: "row hypothesis-row" },
      h("label", { class: "field" }, h("span", null, "class (names without b_; empty: full names)"), classInput),
      groups.length > 0 ? h("label", { class: "field" }, h("span", null, "scope"), scopeSelect) : null,
      groups.length > 0 ? h("label", { class: "field" }, h("span", null, "group"), groupSelect) : null,
      h("div", { class: "buttons" }, button),
    ),
    out,
  );
}
