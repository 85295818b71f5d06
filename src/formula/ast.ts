/** The formula syntax tree. Every node keeps its source offsets so later stages can point at it. */

export type BinaryOp = "~" | "+" | "-" | "*" | "/" | "^" | ":" | "|" | "||";

export type Node =
  | { readonly kind: "name"; readonly name: string; readonly pos: number; readonly end: number }
  | { readonly kind: "num"; readonly value: number; readonly pos: number; readonly end: number }
  /** `args` are the positional arguments; `named` the `name = value` ones in the order written (absent when none). */
  | { readonly kind: "call"; readonly fn: string; readonly args: readonly Node[]; readonly named?: readonly NamedArgument[]; readonly pos: number; readonly end: number }
  | { readonly kind: "binary"; readonly op: BinaryOp; readonly left: Node; readonly right: Node; readonly opPos: number; readonly pos: number; readonly end: number }
  | { readonly kind: "unary"; readonly op: "-" | "+"; readonly arg: Node; readonly pos: number; readonly end: number }
  | { readonly kind: "paren"; readonly inner: Node; readonly pos: number; readonly end: number };

export interface NamedArgument {
  readonly name: string;
  readonly value: Node;
  readonly pos: number;
}

export interface FormulaAst {
  readonly text: string;
  /** null for a one-sided formula (`~ x`), which only new-data designs use. */
  readonly lhs: Node | null;
  readonly rhs: Node;
}
