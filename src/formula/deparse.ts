/**
 * Syntax tree → R's `deparse` text. Variables are identified by this text (as R's `terms` does), and
 * brms builds coefficient names from it: `I(x^2)` → `IxE2`, `log(x + 1)` → `logxP1`.
 */
import type { Node } from "./ast.js";
import { formatR, isSyntacticName } from "./rformat.js";

// R's deparse puts spaces around these binary operators and none around the others (`/ ^ :`).
const SPACED = new Set(["+", "-", "*", "|", "||", "~"]);

export function deparse(node: Node): string {
  switch (node.kind) {
    case "name":
      return isSyntacticName(node.name) ? node.name : `\`${node.name}\``;
    case "num":
      return formatR(node.value);
    case "call":
      return `${node.fn}(${[...node.args.map(deparse), ...(node.named ?? []).map((a) => `${a.name} = ${deparse(a.value)}`)].join(", ")})`;
    case "paren":
      return `(${deparse(node.inner)})`;
    case "unary":
      return `${node.op}${deparse(node.arg)}`;
    case "binary": {
      const sep = SPACED.has(node.op) ? ` ${node.op} ` : node.op;
      return `${deparse(node.left)}${sep}${deparse(node.right)}`;
    }
  }
}

/**
 * brms's `rename()`: drop ` ( ) [ ] , " ' ?` and spell `+ - * / ^ =` as `P M MU D E EQ`. Backquotes
 * of non-syntactic column names are dropped too, so `` `log radon` `` gives `logradon`.
 */
export function brmsRename(label: string): string {
  let out = label;
  for (const ch of [" ", "(", ")", "[", "]", ",", '"', "'", "?", "`"]) out = out.split(ch).join("");
  const swaps: [string, string][] = [["+", "P"], ["-", "M"], ["*", "MU"], ["/", "D"], ["^", "E"], ["=", "EQ"]];
  for (const [from, to] of swaps) out = out.split(from).join(to);
  return out;
}
