// Bundles TypeScript the way the app's production build runs lib/ (one esbuild bundle, packages
// kept external, no keepNames, NODE_ENV=production), so a bench times the code as the server
// runs it: tsx's per-file transform with keepNames makes light code look several times dearer.
// One place for these options, so every bundled bench (settle-kit, one-command-ab,
// small-settles, apiserver-requests-ab, pg-ab, picture-parts) measures the same thing.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

export interface BundleOptions {
  /** The entry module's source (imports resolve from `tree`). */
  contents: string;
  /** The checkout whose sources and tsconfig the bundle is built from. */
  tree: string;
  outfile: string;
  sourcefile?: string;
  /** External source maps, so profiles map back to the sources. */
  sourcemap?: boolean;
  logLevel?: "error" | "warning";
}

/** Builds the bundle into `outfile`; returns its file URL for import(). */
export async function bundleLikeApp(o: BundleOptions): Promise<string> {
  // esbuild comes with tsx; loaded only when a bench bundles.
  const esbuild = await import("esbuild");
  await esbuild.build({
    stdin: { contents: o.contents, resolveDir: o.tree, sourcefile: o.sourcefile, loader: "ts" },
    bundle: true,
    packages: "external",
    platform: "node",
    format: "esm",
    target: "node20",
    outfile: o.outfile,
    ...(o.sourcemap ? { sourcemap: "external" as const } : {}),
    keepNames: false,
    minify: false,
    tsconfig: path.join(o.tree, "tsconfig.json"),
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: o.logLevel ?? "error",
  });
  return pathToFileURL(o.outfile).href;
}

// The preamble every bundled A/B bench shares: its options, the trees it bundles side by
// side, and a directory for their bundles.

/** The checkout these benches run from. */
export const benchRoot = path.resolve(import.meta.dirname, "..");

/** The bench's `--name=value` option, or `fallback` without one. */
export function benchOption(name: string, fallback: string): string {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? arg.slice(name.length + 3) : fallback;
}

/** `--trees=/path/a,/path/b`: the source trees to bundle, side by side (default: this checkout). */
export function benchTrees(): string[] {
  return benchOption("trees", benchRoot)
    .split(",")
    .map((t) => path.resolve(t));
}

/**
 * A fresh directory for a run's bundles, removed when the process exits. It is under this
 * checkout's node_modules, so the bundles' package imports (kept external) resolve.
 */
export function bundleDir(prefix: string): string {
  const cache = path.join(benchRoot, "node_modules", ".cache");
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(path.join(cache, `${prefix}-`));
  process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
