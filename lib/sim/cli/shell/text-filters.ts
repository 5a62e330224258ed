// The text filters the lesson pipes into: grep, head, tail, wc, sort. Each reads
// stdin (the previous stage's stdout) and prints like GNU coreutils/grep.

import { CliError } from "../errors";
import type { CommandResult } from "../types";
import { ok } from "../types";

const lines = (text: string) => {
  const parts = text.split("\n");
  if (parts[parts.length - 1] === "") parts.pop();
  return parts;
};
const joinLines = (ls: string[]) => ls.map((l) => `${l}\n`).join("");

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Translates a POSIX basic regular expression (grep's default) to a JavaScript one. */
function basicToJs(pattern: string): string {
  // In BRE, ( ) { } | + ? are literal unless escaped; the escaped forms are operators.
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "\\" && i + 1 < pattern.length) {
      const n = pattern[i + 1]!;
      out += "(){}|+?".includes(n) ? n : `\\${n}`;
      i++;
    } else out += "(){}|+?".includes(c) ? `\\${c}` : c;
  }
  return out;
}

export function grep(argv: readonly string[], stdin: string): CommandResult {
  let ignoreCase = false;
  let invert = false;
  let count = false;
  let number = false;
  let extended = false;
  let fixed = false;
  let word = false;
  let onlyMatching = false;
  let pattern: string | undefined;
  const files: string[] = [];
  let optionsEnded = false;
  let after = 0;
  let before = 0;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (optionsEnded) {
      if (pattern === undefined) pattern = a;
      else files.push(a);
    } else if (a === "--") optionsEnded = true;
    else if (a === "-e" && i + 1 < argv.length) pattern = argv[++i];
    else if (/^-[ABC]\d*$/.test(a)) {
      const n = Number(a.length > 2 ? a.slice(2) : argv[++i]);
      if (!Number.isInteger(n) || n < 0)
        throw new CliError(`grep: ${argv[i] ?? ""}: invalid context length argument`, 2);
      if (a[1] !== "B") after = n;
      if (a[1] !== "A") before = n;
    } else if (a.startsWith("-") && a.length > 1 && !a.startsWith("--")) {
      for (const f of a.slice(1)) {
        if (f === "i") ignoreCase = true;
        else if (f === "v") invert = true;
        else if (f === "c") count = true;
        else if (f === "n") number = true;
        else if (f === "E") extended = true;
        else if (f === "F") fixed = true;
        else if (f === "w") word = true;
        else if (f === "o") onlyMatching = true;
        else
          throw new CliError(
            `grep: invalid option -- '${f}'\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.`,
            2,
          );
      }
    } else if (a === "--ignore-case") ignoreCase = true;
    else if (a === "--invert-match") invert = true;
    else if (a === "--count") count = true;
    else if (pattern === undefined) pattern = a;
    else files.push(a);
  }
  if (pattern === undefined)
    throw new CliError(
      "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.",
      2,
    );
  if (files.length > 0)
    throw new CliError(`grep: ${files[0]}: 이 실습 터미널의 grep은 파이프 입력만 읽습니다`, 2);
  let source = fixed ? escapeRegExp(pattern) : extended ? pattern : basicToJs(pattern);
  if (word) source = `(?<![\\w])(?:${source})(?![\\w])`;
  let re: RegExp;
  try {
    re = new RegExp(source, ignoreCase ? "gi" : "g");
  } catch {
    throw new CliError("grep: Unmatched ( or \\(", 2);
  }
  const out: string[] = [];
  let matched = 0;
  const all = lines(stdin);
  const selected = all.map((line) => {
    re.lastIndex = 0;
    return re.test(line) !== invert;
  });
  // Context lines (-A/-B/-C): GNU grep separates non-adjacent groups with "--".
  let lastPrinted = -1;
  all.forEach((line, idx) => {
    if (!selected[idx]) return;
    matched++;
    if (count) return;
    if (onlyMatching && !invert) {
      for (const m of line.matchAll(re)) if (m[0]) out.push(number ? `${idx + 1}:${m[0]}` : m[0]);
      return;
    }
    const from = Math.max(0, idx - before, lastPrinted + 1);
    if ((before || after) && lastPrinted >= 0 && from > lastPrinted + 1) out.push("--");
    for (let j = from; j < idx; j++) out.push(number ? `${j + 1}-${all[j]}` : all[j]!);
    out.push(number ? `${idx + 1}:${line}` : line);
    lastPrinted = idx;
    for (let j = idx + 1; j <= Math.min(all.length - 1, idx + after); j++) {
      if (selected[j]) break;
      out.push(number ? `${j + 1}-${all[j]}` : all[j]!);
      lastPrinted = j;
    }
  });
  if (count) return { stdout: `${matched}\n`, stderr: "", exitCode: matched ? 0 : 1 };
  return { stdout: joinLines(out), stderr: "", exitCode: matched ? 0 : 1 };
}

/** `-n N`, `-nN`, `-N` and `--lines=N` as head/tail accept them. */
function lineCount(argv: readonly string[], tool: string): { n: number; fromStart: boolean } {
  let n = 10;
  let fromStart = false;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    let v: string | undefined;
    if (a === "-n") v = argv[++i];
    else if (a.startsWith("--lines=")) v = a.slice(8);
    else if (a.startsWith("-n")) v = a.slice(2);
    else if (/^-\d+$/.test(a)) v = a.slice(1);
    else if (a === "-f" || a === "--follow") continue;
    else if (a.startsWith("-"))
      throw new CliError(
        `${tool}: invalid option -- '${a.slice(1)}'\nTry '${tool} --help' for more information.`,
        1,
      );
    else throw new CliError(`${tool}: cannot open '${a}' for reading: No such file or directory`);
    if (v === undefined) throw new CliError(`${tool}: option requires an argument -- 'n'`);
    if (v.startsWith("+")) fromStart = true;
    const num = Number(v.replace(/^[+-]/, ""));
    if (!Number.isInteger(num)) throw new CliError(`${tool}: invalid number of lines: ‘${v}’`);
    n = num;
  }
  return { n, fromStart };
}

export function head(argv: readonly string[], stdin: string): CommandResult {
  const { n } = lineCount(argv, "head");
  return ok(joinLines(lines(stdin).slice(0, n)));
}

export function tail(argv: readonly string[], stdin: string): CommandResult {
  const { n, fromStart } = lineCount(argv, "tail");
  const ls = lines(stdin);
  return ok(joinLines(fromStart ? ls.slice(Math.max(0, n - 1)) : n === 0 ? [] : ls.slice(-n)));
}

export function wc(argv: readonly string[], stdin: string): CommandResult {
  const flags = new Set(
    argv
      .slice(1)
      .filter((a) => a.startsWith("-"))
      .flatMap((a) => [...a.slice(1)]),
  );
  const l = (stdin.match(/\n/g) ?? []).length;
  const w = stdin.split(/\s+/).filter(Boolean).length;
  const c = new TextEncoder().encode(stdin).length;
  const picked: number[] = [];
  if (flags.size === 0) picked.push(l, w, c);
  else {
    if (flags.has("l")) picked.push(l);
    if (flags.has("w")) picked.push(w);
    if (flags.has("c")) picked.push(c);
  }
  // Reading stdin, GNU wc pads to 7 columns only when printing several counts.
  return ok(
    picked.length === 1
      ? `${picked[0]}\n`
      : `${picked.map((x) => String(x).padStart(7)).join(" ")}\n`,
  );
}

export function sort(argv: readonly string[], stdin: string): CommandResult {
  const flags = new Set(argv.slice(1).flatMap((a) => [...a.replace(/^-/, "")]));
  let ls = lines(stdin);
  if (flags.has("n")) ls.sort((a, b) => parseFloat(a) - parseFloat(b));
  else ls.sort();
  if (flags.has("r")) ls.reverse();
  if (flags.has("u")) ls = ls.filter((x, i) => i === 0 || x !== ls[i - 1]);
  return ok(joinLines(ls));
}
