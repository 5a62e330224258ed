// etcdctl txn: compares, then success ops, then failure ops, read from stdin one per line,
// each section ended by an empty line (txn_command.go's readCompares/readOps: input that
// ends before a section's empty line is `Error: EOF`). With -i the prompts are printed and,
// since this terminal has no tty echo, so are the lines read - the screen a learner sees
// when typing the same transaction at a real etcdctl.

import { etcdWrite } from "../../etcd/control";
import { prefixEnd } from "../../store/store";
import type { Compare, CompareResult, TxnOp, TxnOpResult } from "../../store/writer";
import { CliError } from "../errors";
import type { CommandContext, CommandResult } from "../types";
import { etcdctlError, flagBool, flagString, parseEtcdctlFlags, writeOut, EXIT } from "./common";
import { simpleKv } from "./kv";

const PROMPTS = [
  "compares:",
  "success requests (get, put, del):",
  "failure requests (get, put, del):",
] as const;

/** Go's strconv.Unquote for "…" (and `…`) literals. */
function unquote(s: string): string | undefined {
  if (s.startsWith("`") && s.endsWith("`") && s.length >= 2) return s.slice(1, -1);
  if (!/^"(?:[^"\\]|\\.)*"$/.test(s)) return undefined;
  try {
    return JSON.parse(s.replace(/\\x([0-9a-fA-F]{2})/g, "\\u00$1")) as string;
  } catch {
    return undefined;
  }
}

const TARGETS: Record<string, Compare["target"]> = {
  ver: "version",
  version: "version",
  c: "create",
  create: "create",
  m: "mod",
  mod: "mod",
  val: "value",
  value: "value",
  lease: "lease",
};

/** parseCompare: `<target>("<key>") <op> "<value>"`. */
export function parseCompare(line: string): Compare {
  const malformed = (why = "") =>
    etcdctlError(`malformed comparison: ${line}${why}`, EXIT.invalidInput);
  const open = line.indexOf("(");
  if (open < 0) throw malformed();
  const target = line.slice(0, open);
  const m = /^("(?:[^"\\]|\\.)*"|`[^`]*`)\)\s+(\S+)\s+("(?:[^"\\]|\\.)*"|`[^`]*`)/.exec(
    line.slice(open + 1),
  );
  const key = m ? unquote(m[1]!) : undefined;
  const val = m ? unquote(m[3]!) : undefined;
  if (!m || key === undefined || val === undefined) throw malformed();
  const result = m[2]! as CompareResult;
  if (!["=", "!=", "<", ">"].includes(result)) throw malformed(` (unknown op ${result})`);
  const t = TARGETS[target];
  if (!t) throw malformed(` (unknown target ${target})`);
  if (t === "value") return { key, target: t, result, value: val };
  if (!/^-?\d+$/.test(val))
    throw malformed(` (strconv.ParseInt: parsing ${JSON.stringify(val)}: invalid syntax)`);
  return { key, target: t, result, value: t === "lease" ? parseInt(val, 16) : Number(val) };
}

/** argify: words, "double-quoted" (Go-unquoted) and 'single-quoted' strings. */
function argify(s: string): string[] {
  const words = s.match(/"(?:[^"\\]|\\.)*"|'[^']*'|[^'"\s]\S*[^'"\s]?/g) ?? [];
  return words.map((w) => {
    if (w.startsWith("'")) return w.slice(1, -1);
    if (w.startsWith('"')) {
      const u = unquote(w);
      if (u === undefined) throw etcdctlError("invalid syntax", EXIT.invalidInput);
      return u;
    }
    return w;
  });
}

/** parseRequestUnion: one get/put/del line with its own flags. */
export function parseOp(line: string): TxnOp {
  const args = argify(line);
  const invalid = () => etcdctlError(`invalid txn request: ${line}`, EXIT.invalidInput);
  if (args.length < 2)
    throw etcdctlError(`invalid txn compare request: ${line}`, EXIT.invalidInput);
  let p;
  try {
    p = parseEtcdctlFlags(args.slice(1));
  } catch (e) {
    if (e instanceof CliError) throw invalid();
    throw e;
  }
  const [key, second] = p.positional;
  if (key === undefined) throw invalid();
  const end = flagBool(p, "prefix") ? prefixEnd(key) : flagBool(p, "from-key") ? "\0" : undefined;
  switch (args[0]) {
    case "put":
      if (second === undefined || p.positional.length !== 2) throw invalid();
      return {
        op: "put",
        key,
        value: second,
        lease: parseInt(flagString(p, "lease") ?? "0", 16) || 0,
      };
    case "get":
      return {
        op: "range",
        range: {
          key,
          ...((end ?? second) !== undefined ? { rangeEnd: (end ?? second)! } : {}),
          revision: Number(flagString(p, "rev") ?? 0),
          limit: Number(flagString(p, "limit") ?? 0),
          countOnly: flagBool(p, "count-only"),
          keysOnly: flagBool(p, "keys-only"),
        },
      };
    case "del":
      return {
        op: "delete",
        key,
        ...((end ?? second) !== undefined ? { rangeEnd: (end ?? second)! } : {}),
      };
    default:
      throw invalid();
  }
}

function printResponse(r: TxnOpResult): string {
  if (r.op === "put") return "OK\n";
  if (r.op === "delete") return `${r.deleted}\n`;
  return r.result.kvs.map((kv) => simpleKv(kv, false)).join("");
}

export async function txn(
  ctx: CommandContext,
  args: string[],
  p: ReturnType<typeof parseEtcdctlFlags>,
): Promise<CommandResult> {
  if (args.length) throw etcdctlError("txn command does not accept argument", EXIT.badArgs);
  const w = writeOut(p);
  if (w !== "simple")
    throw etcdctlError(
      `이 시뮬레이터는 txn 결과를 simple 형식으로만 보여 줍니다 (-w ${w} 미지원)`,
      EXIT.badFeature,
    );
  const interactive = flagBool(p, "interactive");
  // bufio.Reader.ReadString('\n'): a last line without its newline is still an EOF error.
  const lines = ctx.stdin.split("\n");
  const complete = lines.length - 1;
  let next = 0;
  let screen = "";
  const sections: string[][] = [];
  for (const prompt of PROMPTS) {
    if (interactive) screen += `${prompt}\n`;
    const section: string[] = [];
    for (;;) {
      if (next >= complete) {
        const hint = ctx.stdin
          ? ""
          : '\n# 참고: 이 터미널은 입력을 기다리지 않습니다. 비교/성공/실패 줄을 빈 줄로 나눠 stdin으로 주세요 (예: 편집기의 실행, echo "..." | etcdctl txn).';
        return { stdout: screen, stderr: `Error: EOF${hint}\n`, exitCode: EXIT.invalidInput };
      }
      const raw = lines[next++]!;
      if (interactive) screen += `${raw}\n`;
      const line = raw.trim();
      if (!line) break;
      section.push(line);
    }
    sections.push(section);
  }
  const [cmpLines, thenLines, elseLines] = sections as [string[], string[], string[]];
  const compares = cmpLines.map(parseCompare);
  const success = thenLines.map(parseOp);
  const failure = elseLines.map(parseOp);
  const r = await ctx.env.etcdStep((s, now) =>
    etcdWrite(s, now, (wr) => wr.txn(compares, success, failure)),
  );
  const body = r.responses.map((x) => `\n${printResponse(x)}`).join("");
  return {
    stdout: `${screen}${r.succeeded ? "SUCCESS" : "FAILURE"}\n${body}`,
    stderr: "",
    exitCode: 0,
  };
}
