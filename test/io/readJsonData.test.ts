import { describe, expect, it } from "vitest";
import { userError } from "../support/userError.js";
import { readJsonData } from "../../src/io/readJsonData.js";

describe("readJsonData", () => {
  it("reads Stan-style data: scalars, vectors, row-major matrices, integer flags", () => {
    const d = readJsonData('{"N": 3, "y": [28, 8.5, -3], "X": [[1, 2], [3, 4], [5, 6]], "empty": []}');
    expect(d.N).toEqual({ dims: [], values: Float64Array.of(3), integer: true });
    expect(d.y).toEqual({ dims: [3], values: Float64Array.of(28, 8.5, -3), integer: false });
    expect(d.X.dims).toEqual([3, 2]);
    expect(Array.from(d.X.values)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(d.empty).toEqual({ dims: [0], values: new Float64Array(0), integer: true });
  });

  it("reads 3-d arrays and CmdStan's non-finite strings", () => {
    const d = readJsonData('{"a": [[[1,2],[3,4]],[[5,6],[7,8]]], "b": ["Inf", "-Inf", "NaN", "Infinity", "-Infinity", 1]}');
    expect(d.a.dims).toEqual([2, 2, 2]);
    expect(Array.from(d.a.values)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(Array.from(d.b.values).map(String)).toEqual(["Infinity", "-Infinity", "NaN", "Infinity", "-Infinity", "1"]);
    expect(d.b.integer).toBe(false);
  });

  it("keeps a field named __proto__ as a field", () => {
    const d = readJsonData('{"__proto__": [1, 2]}');
    expect(Object.getPrototypeOf(d)).toBe(null);
    expect(Array.from(d.__proto__.values)).toEqual([1, 2]);
  });

  it("errors name the field and element", () => {
    expect(userError(() => readJsonData('{"y": [1, 2, null]}'))).toBe(
      "data field 'y'[3] is null, expected a number (or \"NaN\", \"Inf\", \"-Inf\"); Stan-style data has no missing values, so remove or impute it",
    );
    expect(userError(() => readJsonData('{"y": [1, "a"]}'))).toContain("data field 'y'[2] is \"a\"");
    expect(userError(() => readJsonData('{"X": [[1, 2], [3]]}'))).toBe(
      "data field 'X'[2] has 1 element where its first sibling has 2: a matrix or array must be rectangular",
    );
    expect(userError(() => readJsonData('{"X": [[1, 2], 3]}'))).toContain("data field 'X'[2] mixes numbers and arrays");
    expect(userError(() => readJsonData('{"X": [1, [2]]}'))).toContain("data field 'X'[2] mixes numbers and arrays");
    expect(userError(() => readJsonData('{"t": {"a": 1}}'))).toContain("data field 't' is an object");
    expect(userError(() => readJsonData('{"b": true}'))).toContain("data field 'b' is true");
    expect(userError(() => readJsonData("[1, 2]"))).toContain("must be an object of named fields");
    expect(userError(() => readJsonData('{"N": 8,}'))).toMatch(/^the JSON data is not valid JSON: /);
    expect(userError(() => readJsonData(7 as unknown as string))).toBe("readJsonData: text must be a string, got number");
  });

  it("reports integers a double cannot hold, naming the field and line", () => {
    expect(userError(() => readJsonData('{"N": 8,\n "id": [1, 9007199254740993]}'))).toBe(
      "data field 'id' holds 9007199254740993 (line 2), an integer too large to store exactly (beyond 2^53); write it in scientific notation if it is a measurement",
    );
    // Exact large integers, numbers inside strings and exponent forms are fine.
    expect(readJsonData('{"a": 9007199254740992, "b": ["NaN"], "c": 1e300, "s\\"x": 1}').a.values[0]).toBe(2 ** 53);
  });
});
