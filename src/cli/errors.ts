/**
 * Exit codes and the one place that turns an error into what the user sees: a UserError is a
 * clear paragraph and exit 1 (no stack trace); anything else is an internal error, exit 2, with a
 * hint to report it.
 */
import { UserError } from "../errors.js";

export const EXIT_OK = 0;
export const EXIT_USER = 1;
export const EXIT_INTERNAL = 2;
/** Stopped by Ctrl-C (SIGINT) after writing what was drawn: 128 + 2, as shells report it. */
export const EXIT_INTERRUPTED = 130;

export function reportError(e: unknown, stderr: { write(s: string): unknown } = process.stderr): number {
  if (e instanceof UserError || (e instanceof Error && e.name === "UserError")) {
    stderr.write(`error: ${e.message}\n`);
    return EXIT_USER;
  }
  const err = e instanceof Error ? e : new Error(String(e));
  stderr.write(
    `internal error: ${err.message}\n` +
      `This is a bug in hbayes, not in your input. Please report it with the command you ran and this trace:\n` +
      `${err.stack ?? err.message}\n`,
  );
  return EXIT_INTERNAL;
}
