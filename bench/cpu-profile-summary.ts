// npx tsx bench/cpu-profile-summary.ts <file.cpuprofile> [--top=40] [--match=text]
//                                      [--skip-s=0] [--per=N]
// Sums a V8 CPU profile (node --cpu-prof) two ways: self time per function and
// per source file, and inclusive ("total") time per function, each call stack
// counted once even when the function recurses. --match keeps only functions
// whose name or file contains the text in the inclusive table.
// --skip-s=S leaves out the first S seconds of samples (a server's start and warm-up, which a
// whole-process profile of a short bench run is otherwise full of); --per=N adds a column of
// µs per unit (e.g. N = the requests served in the window kept).
import { readFileSync } from "node:fs";
import { label, shortFile, treeOf, type CpuProfile } from "./cpu-profile-tree";

function option(name: string, fallback: string): string {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? arg.slice(name.length + 3) : fallback;
}

function table(
  title: string,
  totals: Map<string, number>,
  all: number,
  top: number,
  per: number,
): void {
  console.log(`\n## ${title}`);
  const rows = [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  for (const [name, us] of rows) {
    const perUnit = per > 0 ? `${(us / per).toFixed(1).padStart(8)} µs/unit` : "";
    console.log(
      `${(us / 1000).toFixed(0).padStart(8)} ms ${((100 * us) / all).toFixed(1).padStart(5)}%${perUnit}  ${name}`,
    );
  }
}

function main(): void {
  const file = process.argv[2];
  if (!file) throw new Error("usage: cpu-profile-summary <file.cpuprofile>");
  const top = Number(option("top", "40"));
  const match = option("match", "");
  const skipUs = Number(option("skip-s", "0")) * 1e6;
  const per = Number(option("per", "0"));
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const { byId, parent } = treeOf(profile);

  const selfTime = new Map<number, number>();
  let all = 0;
  let elapsed = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    elapsed += dt;
    if (elapsed < skipUs) return;
    selfTime.set(id, (selfTime.get(id) ?? 0) + dt);
    all += dt;
  });

  const selfByFunction = new Map<string, number>();
  const selfByFile = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (const [id, us] of selfTime) {
    const node = byId.get(id)!;
    selfByFunction.set(label(node), (selfByFunction.get(label(node)) ?? 0) + us);
    const fileKey = shortFile(node.callFrame.url);
    selfByFile.set(fileKey, (selfByFile.get(fileKey) ?? 0) + us);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const name = label(byId.get(cur)!);
      if (seen.has(name)) continue;
      seen.add(name);
      if (!match || name.includes(match)) inclusive.set(name, (inclusive.get(name) ?? 0) + us);
    }
  }
  const idle = [...selfByFunction.entries()]
    .filter(([k]) => k.startsWith("(idle)"))
    .reduce((s, [, v]) => s + v, 0);
  console.log(
    `profile: ${(all / 1e6).toFixed(1)} s sampled, ${(idle / 1e6).toFixed(1)} s idle, ${((all - idle) / 1e6).toFixed(1)} s busy`,
  );
  if (per > 0) console.log(`busy per unit: ${((all - idle) / per).toFixed(1)} µs (${per} units)`);
  table("self time by file", selfByFile, all, top, per);
  table("self time by function", selfByFunction, all, top, per);
  table(
    `inclusive time by function${match ? ` (matching ${match})` : ""}`,
    inclusive,
    all,
    top,
    per,
  );
}

main();
