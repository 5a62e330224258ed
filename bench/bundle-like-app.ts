// Bundles TypeScript the way the app's production build runs lib/ (one esbuild bundle, packages
// kept external, no keepNames, NODE_ENV=production), so a bench times the code as the server
// runs it: tsx's per-file transform with keepNames makes light code look several times dearer.
// One place for these options, so every bundled bench (settle-kit, one-command-ab,
// small-settles, apiserver-requests-ab) measures the same thing.
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
