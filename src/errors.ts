/**
 * Error kinds. A `UserError` is bad input the user can fix (exit code 1 in the CLI, no stack trace).
 * A `DomainError` is a recoverable numerical domain problem (e.g. a negative scale proposed during a
 * leapfrog step): the sampler treats it as log density −∞. Anything else is an internal error.
 */
export class UserError extends Error {
  override name = "UserError";
}

export class DomainError extends Error {
  override name = "DomainError";
}

/** One argument-check format everywhere: `normalLpdf: sigma must be positive, got -1`. */
export function argError(fn: string, what: string, got: unknown): DomainError {
  return new DomainError(`${fn}: ${what}, got ${String(got)}`);
}
