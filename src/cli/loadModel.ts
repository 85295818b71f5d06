/**
 * Node-only: loads a DSL model from a module whose default export is `model(...)`. `.js`/`.mjs`
 * load natively; `.ts`/`.mts` go through tsx's loader, so users need no build step.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { UserError } from "../errors.js";
import type { Model } from "../model/model.js";

export function isModel(x: unknown): x is Model {
  return typeof x === "object" && x !== null && typeof (x as Model).name === "string" && typeof (x as Model).build === "function";
}

export async function loadModelFile(path: string): Promise<Model> {
  const abs = resolve(path);
  if (!existsSync(abs)) throw new UserError(`model file '${path}' does not exist`);
  const url = pathToFileURL(abs).href;
  let mod: Record<string, unknown>;
  try {
    if (/\.(c|m)?ts$/.test(abs)) {
      const { tsImport } = await import("tsx/esm/api");
      mod = (await tsImport(url, import.meta.url)) as Record<string, unknown>;
    } else {
      mod = (await import(url)) as Record<string, unknown>;
    }
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError(`could not load the model file '${path}': ${(e as Error).message}`);
  }
  const candidate = isModel(mod.default) ? mod.default : isModel((mod.default as Record<string, unknown> | undefined)?.default) ? (mod.default as Record<string, unknown>).default : undefined;
  if (!isModel(candidate)) {
    throw new UserError(`model file '${path}' must have a default export made with model(name, build), e.g. \`export default model("pumps", ({ data, param, observe }) => { … })\``);
  }
  return candidate;
}
