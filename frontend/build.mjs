// Build the explorer into app/explorer/static/ (or the folder given as the first argument).
// Deterministic: the same sources and lock file give the same bytes (no source maps, no
// dates, no absolute paths), so a test can rebuild and compare with the committed files.
import { build } from "esbuild";
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const outdir = resolve(process.argv[2] ?? resolve(here, "../app/explorer/static"));
mkdirSync(outdir, { recursive: true });

const common = {
  bundle: true,
  minify: true,
  legalComments: "none",
  charset: "utf8",
  target: ["es2020"],
  logLevel: "warning",
  absWorkingDir: here,
};
await build({
  ...common,
  entryPoints: ["src/main.ts"],
  outfile: resolve(outdir, "explorer.js"),
  format: "iife",
});
await build({
  ...common,
  entryPoints: ["src/style.css"],
  outfile: resolve(outdir, "explorer.css"),
});
copyFileSync(resolve(here, "src/index.html"), resolve(outdir, "index.html"));
