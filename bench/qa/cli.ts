// The hbayes command run from source with tsx (dist/ is built only by `npm run build`).
import { main } from "../../src/cli/main.js";
process.exitCode = await main(process.argv.slice(2));
