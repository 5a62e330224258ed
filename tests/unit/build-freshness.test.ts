import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildIsStale, buildNext } from "../../scripts/build-freshness";

let root: string;

function write(rel: string, text: string, atMs?: number): void {
  const file = path.join(root, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  if (atMs !== undefined) utimesSync(file, atMs / 1000, atMs / 1000);
}

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), "freshness-"));
  write("app/page.tsx", "export default 1;", Date.now() - 60_000);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("build freshness", () => {
  it("is stale without a build, fresh after one", () => {
    expect(buildIsStale(root)).toBe(true);
    buildNext(process.env, root, () => (write(".next/BUILD_ID", "b1"), 0));
    expect(buildIsStale(root)).toBe(false);
  });

  it("is stale when a source was edited while the build ran", () => {
    // The edit lands after the build read the sources but before it wrote BUILD_ID: by
    // BUILD_ID's time alone it would pass for built.
    buildNext(process.env, root, () => {
      write("lib/edited.ts", "export const x = 2;", Date.now() + 5);
      write(".next/BUILD_ID", "b1", Date.now() + 10);
      return 0;
    });
    expect(buildIsStale(root)).toBe(true);
  });

  it("is stale after an edit that follows the build", () => {
    buildNext(process.env, root, () => (write(".next/BUILD_ID", "b1"), 0));
    write("components/later.tsx", "x", Date.now() + 1_000);
    expect(buildIsStale(root)).toBe(true);
  });

  it("falls back to BUILD_ID's time for a build it did not mark", () => {
    buildNext(process.env, root, () => (write(".next/BUILD_ID", "b1"), 0));
    // A plain `next build` afterwards: a new BUILD_ID, the old mark no longer applies.
    write("lib/edited.ts", "y", Date.now() + 1_000);
    write(".next/BUILD_ID", "b2", Date.now() + 2_000);
    expect(buildIsStale(root)).toBe(false);
  });

  it("throws and leaves no mark when the build fails", () => {
    expect(() => buildNext(process.env, root, () => 1)).toThrow("next build failed");
    expect(buildIsStale(root)).toBe(true);
  });
});
