/**
 * Compiles a Vega-Lite spec and returns everything Vega-Lite said while doing so: any warning (a
 * misspelt property, an encoding it drops) is a failure for the spec tests.
 */
import { compile } from "vega-lite";

export function quietCompile(spec: unknown): string[] {
  const said: string[] = [];
  const logger = {
    level: (..._: unknown[]) => logger,
    info: (...m: unknown[]) => (said.push(m.join(" ")), logger),
    debug: () => logger,
    warn: (...m: unknown[]) => (said.push(m.join(" ")), logger),
    error: (...m: unknown[]) => (said.push(m.join(" ")), logger),
  };
  compile(spec as never, { logger: logger as never });
  return said;
}
