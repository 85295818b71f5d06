/**
 * Where each parameter lives: its unconstrained coordinates in theta, its constrained values in the
 * output, and Stan-style 1-based element names (`theta[1]`, `L[2,1]`).
 */
import type { ParamShape, Program, TransformSpec } from "../ir/types.js";
import { shapeSize } from "../ir/validate.js";

export interface ParamLayout {
  readonly name: string;
  readonly shape: ParamShape;
  readonly transform: TransformSpec["kind"];
  /** Offset and length of the unconstrained coordinates in theta. */
  readonly uOff: number;
  readonly uSize: number;
  /** Offset and length of the constrained values in the output (and the compiler's value buffer). */
  readonly xOff: number;
  readonly xSize: number;
  readonly names: readonly string[];
}

export interface TparamLayout {
  readonly name: string;
  readonly n: number;
  /** Offset in the output vector. */
  readonly outOff: number;
  readonly names: readonly string[];
}

export interface Layout {
  readonly dim: number;
  /** Total constrained size of all parameters. */
  readonly xSize: number;
  readonly params: readonly ParamLayout[];
  readonly tparams: readonly TparamLayout[];
  readonly outputNames: readonly string[];
}

function elementNames(name: string, shape: ParamShape): string[] {
  switch (shape.kind) {
    case "scalar":
      return [name];
    case "vector":
      return Array.from({ length: shape.n }, (_, j) => `${name}[${j + 1}]`);
    case "matrix": {
      const out: string[] = [];
      for (let r = 0; r < shape.rows; r++) for (let c = 0; c < shape.cols; c++) out.push(`${name}[${r + 1},${c + 1}]`);
      return out;
    }
    case "choleskyCorr": {
      const out: string[] = [];
      for (let r = 0; r < shape.k; r++) for (let c = 0; c < shape.k; c++) out.push(`${name}[${r + 1},${c + 1}]`);
      return out;
    }
  }
}

export function unconstrainedSize(shape: ParamShape, transform?: TransformSpec): number {
  if (shape.kind === "choleskyCorr") return (shape.k * (shape.k - 1)) / 2;
  // A simplex of n elements has n − 1 free coordinates.
  if (transform?.kind === "simplex") return Math.max(0, shapeSize(shape) - 1);
  return shapeSize(shape);
}

export function computeLayout(program: Program): Layout {
  let u = 0;
  let x = 0;
  const params = program.params.map((p) => {
    const uSize = unconstrainedSize(p.shape, p.transform);
    const xSize = shapeSize(p.shape);
    const l: ParamLayout = { name: p.name, shape: p.shape, transform: p.transform.kind, uOff: u, uSize, xOff: x, xSize, names: elementNames(p.name, p.shape) };
    u += uSize;
    x += xSize;
    return l;
  });
  let o = x;
  const tparams = program.tparams.map((t) => {
    const l: TparamLayout = {
      name: t.name,
      n: t.n,
      outOff: o,
      names: t.n === 0 ? [t.name] : Array.from({ length: t.n }, (_, j) => `${t.name}[${j + 1}]`),
    };
    o += Math.max(1, t.n);
    return l;
  });
  const outputNames = [...params.flatMap((p) => p.names), ...tparams.flatMap((t) => t.names)];
  return { dim: u, xSize: x, params, tparams, outputNames };
}
