// The page-weight check on a hand-made build output: which chunks count as
// first load, the gzip sum, the budget and the forbidden-code detection.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { checkPageWeight, measureFirstLoad } from "../../scripts/check-page-weight.mjs";

const route = "/courses/[courseId]/[sessionId]";
const dirs: string[] = [];

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function fakeBuild(chunks: Record<string, string>, entries: Record<string, string[]>): string {
  const dist = mkdtempSync(path.join(tmpdir(), "kubelab-next-"));
  dirs.push(dist);
  mkdirSync(path.join(dist, "static/chunks"), { recursive: true });
  for (const [name, text] of Object.entries(chunks)) writeFileSync(path.join(dist, name), text);
  writeFileSync(
    path.join(dist, "build-manifest.json"),
    JSON.stringify({
      rootMainFiles: ["static/chunks/main.js"],
      polyfillFiles: ["static/chunks/poly.js"],
    }),
  );
  const manifestDir = path.join(dist, "server/app/courses/[courseId]/[sessionId]");
  mkdirSync(manifestDir, { recursive: true });
  const manifest = { [`${route}/page`]: { entryJSFiles: entries } };
  writeFileSync(
    path.join(manifestDir, "page_client-reference-manifest.js"),
    `globalThis.__RSC_MANIFEST = globalThis.__RSC_MANIFEST || {};\nObject.assign(globalThis.__RSC_MANIFEST, ${JSON.stringify(manifest)});`,
  );
  return dist;
}

const noise = (n: number, seed: number) =>
  Array.from({ length: n }, (_, i) => ((i * 7919 + seed) % 10007).toString(36)).join(",");

describe("check-page-weight", () => {
  it("counts root main files and the route's layout/page chunks once, not lazy or error chunks", () => {
    const main = noise(2000, 1);
    const page = noise(3000, 2);
    const dist = fakeBuild(
      {
        "static/chunks/main.js": main,
        "static/chunks/page.js": page,
        "static/chunks/lazy.js": noise(50_000, 3),
        "static/chunks/error.js": noise(50_000, 4),
      },
      {
        "[project]/app/layout": ["static/chunks/main.js"],
        "[project]/app/courses/[courseId]/[sessionId]/page": ["static/chunks/page.js"],
        "[project]/node_modules/next/dist/client/components/builtin/global-error": [
          "static/chunks/error.js",
        ],
      },
    );
    const result = measureFirstLoad({ distDir: dist, route });
    expect(result.chunks.map((c) => c.file).sort()).toEqual([
      "static/chunks/main.js",
      "static/chunks/page.js",
    ]);
    expect(result.totalGzip).toBe(gzipSync(main).length + gzipSync(page).length);
  });

  it("reports a blown budget and code that belongs on lab pages only", () => {
    const dist = fakeBuild(
      {
        "static/chunks/main.js": noise(40_000, 5),
        "static/chunks/page.js": "self.MonacoEnvironment={getWorker(){}};",
      },
      { "[project]/app/courses/[courseId]/[sessionId]/page": ["static/chunks/page.js"] },
    );
    const ok = checkPageWeight({ distDir: dist, route, limitKb: 1000 });
    expect(ok.problems).toEqual(["static/chunks/page.js contains monaco-editor"]);
    const tight = checkPageWeight({ distDir: dist, route, limitKb: 1 });
    expect(tight.problems[0]).toMatch(/^first-load JS is [\d.]+ kB gzip, over the 1 kB budget$/);
  });

  it("explains a missing build", () => {
    const dist = fakeBuild({ "static/chunks/main.js": "x" }, {});
    expect(() => measureFirstLoad({ distDir: dist, route: "/nope" })).toThrow(
      /run `next build` first/,
    );
  });
});
