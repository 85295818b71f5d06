/** Rewrites the golden sources after an intended change to the emitter: `npx tsx test/compiler/golden/update.ts`. */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { compileModel } from "../../../src/compiler/compile.js";
import { GOLDEN } from "./programs.js";

const here = fileURLToPath(new URL(".", import.meta.url));
for (const [name, build] of Object.entries(GOLDEN)) {
  const { program, data } = build();
  writeFileSync(`${here}${name}.js.txt`, compileModel(program, data).source);
  console.log(`wrote ${name}.js.txt`);
}
