/**
 * The browser app: a static single page in web/dist. Workers are ES modules (the chain worker
 * imports the compiler), and nothing is fetched from a CDN: fonts, data and code are all bundled.
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root,
  base: "./",
  publicDir: false,
  worker: { format: "es" },
  build: {
    outDir: fileURLToPath(new URL("./dist", import.meta.url)),
    emptyOutDir: true,
    target: "es2022",
    // The compiler and sampler are one chunk by design; a 300 kB warning would be noise.
    chunkSizeWarningLimit: 1000,
  },
  server: { host: "127.0.0.1", fs: { allow: [fileURLToPath(new URL("..", import.meta.url))] } },
});
