/**
 * Stan-style JSON data (`{"N": 8, "y": [28, 8, ...], "X": [[1, 0], [1, 1]]}`) → named arrays.
 * Browser-safe. Like CmdStan, the strings "NaN", "Inf", "-Inf", "Infinity", "-Infinity" stand for
 * the non-finite numbers JSON cannot spell.
 */
import { UserError } from "../errors.js";
import { jsonMessages } from "./messages.js";

/** One data field: a scalar has dims []; a matrix [rows, cols]; values are row-major (last index fastest). */
export interface DataArray {
  readonly dims: readonly number[];
  readonly values: Float64Array;
  /** Every value is an integer (so the field can feed an int data slot). */
  readonly integer: boolean;
}

const NON_FINITE: Readonly<Record<string, number>> = {
  NaN: NaN,
  Inf: Infinity,
  "-Inf": -Infinity,
  Infinity: Infinity,
  "-Infinity": -Infinity,
};

/** Fields keyed by name in a prototype-free object (a field named `__proto__` stays a field). */
export function readJsonData(text: string): Readonly<Record<string, DataArray>> {
  if (typeof text !== "string") throw new UserError(jsonMessages.notText(text));
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (e) {
    throw new UserError(jsonMessages.syntax(e instanceof Error ? e.message : String(e)));
  }
  if (root === null || typeof root !== "object" || Array.isArray(root)) {
    throw new UserError(jsonMessages.notObject(root === null ? "null" : Array.isArray(root) ? "an array" : typeof root));
  }
  checkLargeIntegers(text);
  const out: Record<string, DataArray> = Object.create(null);
  for (const [name, value] of Object.entries(root as Record<string, unknown>)) out[name] = readField(name, value);
  return out;
}

function readField(name: string, value: unknown): DataArray {
  const dims: number[] = [];
  let probe = value;
  while (Array.isArray(probe)) {
    dims.push(probe.length);
    if (probe.length === 0) break;
    probe = probe[0];
  }
  const size = dims.reduce((a, b) => a * b, 1);
  const values = new Float64Array(size);
  let next = 0;
  let integer = true;
  const visit = (v: unknown, depth: number, path: string): void => {
    if (depth < dims.length) {
      if (!Array.isArray(v)) throw new UserError(jsonMessages.mixedDepth(path));
      if (v.length !== dims[depth]) throw new UserError(jsonMessages.ragged(path, v.length, dims[depth]));
      for (let i = 0; i < v.length; i++) visit(v[i], depth + 1, `${path}[${i + 1}]`);
      return;
    }
    if (Array.isArray(v)) throw new UserError(jsonMessages.mixedDepth(path));
    const x = leafNumber(v, path);
    if (!Number.isInteger(x)) integer = false;
    values[next++] = x;
  };
  visit(value, 0, `'${name}'`);
  return { dims, values, integer };
}

function leafNumber(v: unknown, path: string): number {
  if (typeof v === "number") return v;
  if (typeof v === "string" && Object.prototype.hasOwnProperty.call(NON_FINITE, v)) return NON_FINITE[v];
  const shown = v === null ? "null" : typeof v === "string" ? JSON.stringify(v) : typeof v === "object" ? "an object" : String(v);
  throw new UserError(jsonMessages.badLeaf(path, shown));
}

/**
 * JSON.parse rounds integers beyond 2^53 silently (Node 20 has no access to the source text), so scan
 * the number tokens outside strings and report any integer a double cannot hold, naming its top-level field.
 */
function checkLargeIntegers(text: string): void {
  let depth = 0;
  let line = 1;
  let lastString = "";
  let field = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "\n") line++;
    else if (ch === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      lastString = text.slice(i + 1, j);
      i = j;
    } else if (ch === ":" && depth === 1) field = lastString;
    else if (ch === "{" || ch === "[") depth++;
    else if (ch === "}" || ch === "]") depth--;
    else if (ch === "-" || (ch >= "0" && ch <= "9")) {
      let j = i + 1;
      while (j < text.length && /[0-9.eE+-]/.test(text[j])) j++;
      const token = text.slice(i, j);
      if (/^-?\d+$/.test(token) && token.replace(/^-/, "").length > 15) {
        const value = Number(token);
        if (!Number.isSafeInteger(value) && BigInt(token) !== BigInt(value)) {
          throw new UserError(jsonMessages.lossyInteger(field, token, line));
        }
      }
      i = j - 1;
    }
  }
}
