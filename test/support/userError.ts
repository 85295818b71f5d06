import { expect } from "vitest";
import { UserError } from "../../src/errors.js";

/** The message of the UserError that `f` throws; fails the test if it throws anything else or nothing. */
export function userError(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return (e as Error).message;
  }
  throw new Error("expected a UserError");
}
