#!/usr/bin/env node
// Measures the first-load JavaScript of an app route from the Next.js build
// output (gzip, like the "First Load JS" column of `next build`) and fails when
// it exceeds the budget or ships code that belongs only on lab pages.
//
//   node scripts/check-page-weight.mjs [--route /courses/[courseId]/[sessionId]] [--limit-kb 200] [--dist .next]
//
// First load = the root main files of build-manifest.json plus the entry chunks
// of the route's layouts and page from its client reference manifest. Chunks
// loaded later with import() (e.g. mermaid) are not part of it.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

export const DEFAULT_ROUTE = "/courses/[courseId]/[sessionId]";
export const DEFAULT_LIMIT_KB = 200;

// Code that must never reach the lesson page's first load (distinctive strings of each bundle).
export const FORBIDDEN = [
  { name: "monaco-editor", pattern: /monaco-editor|MonacoEnvironment/ },
  { name: "xterm", pattern: /xterm-helper-textarea|xterm-screen/ },
  { name: "mermaid (must load lazily)", pattern: /mermaid-js|flowchart-v2|sequenceDiagram/ },
  { name: "shiki (server only)", pattern: /createHighlighterCore|shiki-light/ },
];

function readClientManifest(distDir, route) {
  const file = path.join(
    distDir,
    "server",
    "app",
    route.replace(/^\//, ""),
    "page_client-reference-manifest.js",
  );
  if (!existsSync(file))
    throw new Error(
      `no client reference manifest for ${route} at ${file}: run \`next build\` first`,
    );
  // The file assigns into globalThis.__RSC_MANIFEST; evaluate it in a scratch object.
  const scope = {};
  new Function("globalThis", readFileSync(file, "utf8"))(scope);
  const manifest = scope.__RSC_MANIFEST?.[`${route}/page`];
  if (!manifest) throw new Error(`manifest ${file} has no entry for ${route}/page`);
  return manifest;
}

export function measureFirstLoad({ distDir = ".next", route = DEFAULT_ROUTE } = {}) {
  const buildManifest = JSON.parse(readFileSync(path.join(distDir, "build-manifest.json"), "utf8"));
  const manifest = readClientManifest(distDir, route);
  const files = new Set(buildManifest.rootMainFiles ?? []);
  for (const [entry, chunks] of Object.entries(manifest.entryJSFiles ?? {})) {
    // layouts and the page of this route (the global error boundary loads only on error)
    if (entry.includes("/global-error")) continue;
    for (const c of chunks) files.add(c);
  }
  const chunks = [...files]
    .filter((f) => f.endsWith(".js"))
    .map((file) => {
      const source = readFileSync(path.join(distDir, file));
      const text = source.toString("utf8");
      return {
        file,
        bytes: source.length,
        gzip: gzipSync(source).length,
        forbidden: FORBIDDEN.filter((f) => f.pattern.test(text)).map((f) => f.name),
      };
    });
  const totalGzip = chunks.reduce((sum, c) => sum + c.gzip, 0);
  return { route, chunks, totalGzip };
}

export function checkPageWeight(options = {}) {
  const limitKb = options.limitKb ?? DEFAULT_LIMIT_KB;
  const result = measureFirstLoad(options);
  const problems = [];
  if (result.totalGzip > limitKb * 1000) {
    problems.push(
      `first-load JS is ${(result.totalGzip / 1000).toFixed(1)} kB gzip, over the ${limitKb} kB budget`,
    );
  }
  for (const c of result.chunks) {
    for (const name of c.forbidden) problems.push(`${c.file} contains ${name}`);
  }
  return { ...result, limitKb, problems };
}

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i];
    const value = argv[i + 1];
    if (key === "--route") args.route = value;
    else if (key === "--limit-kb") args.limitKb = Number(value);
    else if (key === "--dist") args.distDir = value;
    else throw new Error(`unknown argument ${key}`);
    i++;
  }
  return args;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  try {
    const report = checkPageWeight(parseArgs(process.argv.slice(2)));
    for (const c of report.chunks) {
      console.log(`  ${(c.gzip / 1000).toFixed(1).padStart(7)} kB  ${c.file}`);
    }
    console.log(
      `${report.route}: first-load JS ${(report.totalGzip / 1000).toFixed(1)} kB gzip (budget ${report.limitKb} kB)`,
    );
    if (report.problems.length > 0) {
      for (const p of report.problems) console.error(`page weight: ${p}`);
      process.exit(1);
    }
  } catch (error) {
    console.error(`page weight: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
