// What bench/cluster.ts and bench/settle-profile.ts share: the 100-replica Deployment they
// settle, and the engine they measure in one of two modes.
//   tsx     the engine's TypeScript as `npx tsx` runs it: esbuild per file with keepNames, which
//           wraps every function and class in a name-setting helper (`set name` in profiles).
//   bundle  one plain esbuild bundle of lib/sim (ESM, no keepNames, not minified so profiles
//           stay readable), as the app runs the engine from its production bundle.
// `--bundle` (or BENCH_ENGINE=bundle) picks the bundle; the benches print which mode ran.
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync } from "node:fs";
import { SourceMap } from "node:module";
import path from "node:path";
import { bundleLikeApp } from "./bundle-like-app";
import { fileURLToPath, pathToFileURL } from "node:url";

type SimModule = typeof import("../lib/sim");
type CacheModule = typeof import("../lib/sim/controllers/shared/cache");
/** The engine's public API plus the controllers' object reader the benches check results with. */
export type Engine = SimModule & Pick<CacheModule, "getObject">;
/**
 * The persistence a bench stores sandboxes with. In bundle mode it is in the same bundle as the
 * engine: it recognises the template's rows by the engine's module state (encode-once rows), so
 * a second copy of the engine loaded by tsx would store them differently.
 */
export type Persistence = Pick<typeof import("../lib/db/sandboxes/rows"), "insertSandbox"> &
  Pick<typeof import("../lib/db/sandboxes/meta-split"), "splitMeta"> &
  Pick<typeof import("../lib/db/sandboxes/pool"), "pool" | "closePool"> &
  Pick<typeof import("../lib/db/sandboxes/cache"), "forget"> &
  Pick<
    typeof import("../lib/db/sandboxes"),
    "createSandboxRecord" | "sandboxRequest" | "sandboxStorageBytes"
  >;

export type EngineMode = "tsx" | "bundle";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export function engineMode(argv: readonly string[] = process.argv): EngineMode {
  if (argv.includes("--bundle") || argv.includes("--mode=bundle")) return "bundle";
  if (argv.includes("--mode=tsx")) return "tsx";
  return process.env.BENCH_ENGINE === "bundle" ? "bundle" : "tsx";
}

export function describeMode(mode: EngineMode): string {
  return mode === "bundle"
    ? "engine: esbuild bundle (ESM, no keepNames, not minified; production-like)"
    : "engine: tsx (esbuild per file with keepNames; pass --bundle for the production-like bundle)";
}

export interface LoadedEngine<P = object> {
  sim: Engine & P;
  mode: EngineMode;
  /** The bundle file (bundle mode), whose source map maps profiles back to lib/sim. */
  bundleFile?: string;
}

const ENGINE_ENTRY = [
  'export * from "./lib/sim";',
  'export { getObject } from "./lib/sim/controllers/shared/cache";',
];
const PERSISTENCE_ENTRY = [
  'export { insertSandbox } from "./lib/db/sandboxes/rows";',
  'export { splitMeta } from "./lib/db/sandboxes/meta-split";',
  'export { pool, closePool } from "./lib/db/sandboxes/pool";',
  'export { forget } from "./lib/db/sandboxes/cache";',
  'export { createSandboxRecord, sandboxRequest, sandboxStorageBytes } from "./lib/db/sandboxes";',
];

export async function loadEngine(mode: EngineMode): Promise<LoadedEngine>;
export async function loadEngine(
  mode: EngineMode,
  opts: { persistence: true },
): Promise<LoadedEngine<Persistence>>;
export async function loadEngine(
  mode: EngineMode,
  opts: { persistence?: boolean } = {},
): Promise<LoadedEngine<Partial<Persistence>>> {
  if (mode === "tsx") {
    const sim = await import("../lib/sim");
    const { getObject } = await import("../lib/sim/controllers/shared/cache");
    if (!opts.persistence) return { sim: { ...sim, getObject }, mode };
    const { insertSandbox } = await import("../lib/db/sandboxes/rows");
    const { splitMeta } = await import("../lib/db/sandboxes/meta-split");
    const { pool, closePool } = await import("../lib/db/sandboxes/pool");
    const { forget } = await import("../lib/db/sandboxes/cache");
    const { createSandboxRecord, sandboxRequest, sandboxStorageBytes } =
      await import("../lib/db/sandboxes");
    const persistence: Persistence = {
      insertSandbox,
      splitMeta,
      pool,
      closePool,
      forget,
      createSandboxRecord,
      sandboxRequest,
      sandboxStorageBytes,
    };
    return { sim: { ...sim, getObject, ...persistence }, mode };
  }
  const entry = opts.persistence ? [...ENGINE_ENTRY, ...PERSISTENCE_ENTRY] : ENGINE_ENTRY;
  const bundleFile = await bundle(entry.join("\n"));
  // A .mjs under node_modules: tsx's loader leaves it as esbuild wrote it, and its package
  // imports (kept external) resolve from the project's node_modules.
  const sim = (await import(pathToFileURL(bundleFile).href)) as Engine & Partial<Persistence>;
  return { sim, mode, bundleFile };
}

/** Bundles the entry's modules into a fresh dir under node_modules/.cache; returns the .mjs path. */
async function bundle(contents: string): Promise<string> {
  const cache = path.join(root, "node_modules", ".cache");
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(path.join(cache, "kubelab-engine-"));
  // A fresh bundle per run; gone when the bench exits (its profile is mapped before that).
  process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
  const outfile = path.join(dir, "engine.mjs");
  await bundleLikeApp({
    contents,
    tree: root,
    outfile,
    sourcefile: "bench-engine-entry.ts",
    sourcemap: true,
    logLevel: "warning",
  });
  return outfile;
}

interface ProfileFrame {
  url: string;
  lineNumber: number;
  columnNumber: number;
}

/**
 * Points a CPU profile's frames in the bundle back at the TypeScript they came from (url,
 * line, column from the source map), so bench/cpu-profile-summary.ts groups by source file
 * as it does for a tsx profile. Frames outside the bundle are left alone.
 */
export function mapProfileToSources(
  profile: { nodes: { callFrame: ProfileFrame }[] },
  bundleFile: string,
): void {
  const map = new SourceMap(JSON.parse(readFileSync(`${bundleFile}.map`, "utf8")));
  // The loader reports the real path (node_modules may be a symlink, as in a git worktree).
  const bundleUrls = new Set(
    [bundleFile, realpathSync(bundleFile)].map((f) => pathToFileURL(f).href),
  );
  const dir = path.dirname(bundleFile);
  for (const { callFrame: f } of profile.nodes) {
    if (!bundleUrls.has(f.url) || f.lineNumber < 0) continue;
    const entry = map.findEntry(f.lineNumber, f.columnNumber) as {
      originalSource?: string;
      originalLine?: number;
      originalColumn?: number;
    };
    if (!entry.originalSource) continue;
    const source = entry.originalSource.startsWith("file://")
      ? entry.originalSource
      : pathToFileURL(path.resolve(dir, entry.originalSource)).href;
    f.url = source;
    f.lineNumber = entry.originalLine ?? 0;
    f.columnNumber = entry.originalColumn ?? 0;
  }
}

/** The 100-replica Deployment both benches settle (an image every node holds: pause:3.9). */
export function hundredReplicaDeployment(image = "registry.k8s.io/pause:3.9") {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web" },
    spec: {
      replicas: 100,
      selector: { matchLabels: { app: "web" } },
      template: {
        metadata: { labels: { app: "web" } },
        spec: {
          containers: [{ name: "web", image, resources: { requests: { cpu: "10m" } } }],
        },
      },
    },
  };
}

/**
 * The settle the engine benches time: the admin's POST of `deployment` into `state`'s default
 * namespace at the fixed time `now`, settled with `engine`'s loops.
 */
export function postDeployment(
  sim: Engine,
  state: Parameters<Engine["handle"]>[0],
  deployment: object,
  now: number,
  engine: Parameters<Engine["handle"]>[3],
) {
  return sim.handle(
    state,
    {
      method: "POST",
      path: "/apis/apps/v1/namespaces/default/deployments",
      user: sim.ADMIN_USER,
      body: deployment,
    },
    sim.fixedClock(now),
    engine,
  );
}
