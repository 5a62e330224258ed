// kubectl's JSONPath templates (k8s.io/client-go/util/jsonpath), the subset learners
// use: {.a.b}, [n], [*], [start:end], [?(@.k=="v")], ..name, {range}…{end}, "literals",
// several results joined by a space. Output of -o jsonpath, --sort-by and custom-columns.

import { CliError } from "../errors";
import { goMarshal, goQuote, goSharpV, goSprint, goTypeName } from "./go-value";

type Node =
  | { t: "text"; v: string }
  | { t: "path"; steps: Step[] }
  | { t: "range"; steps: Step[]; body: Node[] };
type Step =
  | { s: "field"; name: string }
  | { s: "recursive"; name: string }
  | { s: "index"; from: number; to?: number; all?: boolean; single: boolean }
  | { s: "filter"; path: Step[]; op: string; value: string | number | undefined };

function parsePath(expr: string): Step[] {
  const steps: Step[] = [];
  let i = 0;
  let e = expr.trim();
  if (e.startsWith("$")) e = e.slice(1);
  while (i < e.length) {
    const c = e[i]!;
    if (c === "." && e[i + 1] === ".") {
      const m = /^[\w-]+/.exec(e.slice(i + 2));
      steps.push({ s: "recursive", name: m?.[0] ?? "" });
      i += 2 + (m?.[0].length ?? 0);
    } else if (c === ".") {
      // Field names may hold escaped dots: .annotations.deployment\.kubernetes\.io/revision
      const m = /^(?:\\.|[\w\-/$])*/.exec(e.slice(i + 1))!;
      if (m[0]) steps.push({ s: "field", name: m[0].replace(/\\\./g, ".") });
      i += 1 + m[0].length;
    } else if (c === "[") {
      const end = e.indexOf("]", i);
      if (end < 0)
        throw new CliError(`error: error parsing jsonpath {${expr}}, unterminated array`);
      const inner = e.slice(i + 1, end);
      i = end + 1;
      if (inner === "*") steps.push({ s: "index", from: 0, all: true, single: false });
      else if (inner.startsWith("?(")) {
        const m = /^\?\(@((?:\.[\w-]+)+)\s*(==|!=|<|>)?\s*(.*)\)$/.exec(inner);
        if (!m) throw new CliError(`error: error parsing jsonpath {${expr}}, unrecognized filter`);
        const raw = m[3]?.trim();
        const value =
          raw === undefined || raw === ""
            ? undefined
            : /^["'].*["']$/.test(raw)
              ? raw.slice(1, -1)
              : Number(raw);
        steps.push({ s: "filter", path: parsePath(m[1]!), op: m[2] ?? "exists", value });
      } else if (/^['"].*['"]$/.test(inner)) steps.push({ s: "field", name: inner.slice(1, -1) });
      else if (inner.includes(":")) {
        const [a, b] = inner.split(":");
        steps.push({
          s: "index",
          from: a ? Number(a) : 0,
          ...(b ? { to: Number(b) } : {}),
          single: false,
        });
      } else steps.push({ s: "index", from: Number(inner), single: true });
    } else if (c === " ") i++;
    else
      throw new CliError(
        `error: error parsing jsonpath {${expr}}, unrecognized character in action: U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")} '${c}'`,
      );
  }
  return steps;
}

export function parseTemplate(tpl: string): Node[] {
  const root: Node[] = [];
  const stack: Node[][] = [root];
  let i = 0;
  while (i < tpl.length) {
    const open = tpl.indexOf("{", i);
    if (open < 0) {
      stack[stack.length - 1]!.push({ t: "text", v: tpl.slice(i) });
      break;
    }
    if (open > i) stack[stack.length - 1]!.push({ t: "text", v: tpl.slice(i, open) });
    const close = tpl.indexOf("}", open);
    if (close < 0) throw new CliError(`error: error parsing jsonpath ${tpl}, unclosed action`);
    const action = tpl.slice(open + 1, close).trim();
    i = close + 1;
    const cur = stack[stack.length - 1]!;
    // The parser matches the keyword as a prefix: {range.items[*]} is a range too.
    if (action.startsWith("range")) {
      const node: Node = { t: "range", steps: parsePath(action.slice(5)), body: [] };
      cur.push(node);
      stack.push(node.body);
    } else if (action === "end") {
      if (stack.length === 1)
        throw new CliError(`error: error parsing jsonpath ${tpl}, not in range, nothing to end`);
      stack.pop();
    } else if (/^["']/.test(action)) {
      // The parser's parseQuote: a newline ends the quote too early; the text is then
      // unquoted as Go's strconv does, so a literal tab or other control character is kept.
      if (action.includes("\n"))
        throw new CliError(`error: error parsing jsonpath ${tpl}, unterminated quoted string`);
      const v = goUnquote(action);
      if (v === undefined)
        throw new CliError(
          `error: error parsing jsonpath ${tpl}, unquote string ${action} error invalid syntax`,
        );
      cur.push({ t: "text", v });
    } else cur.push({ t: "path", steps: parsePath(action) });
  }
  return root;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  a: "\x07",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
  "\\": "\\",
};

/**
 * jsonpath's UnquoteExtend: '…' or "…" read with strconv.UnquoteChar's rules (\x, \u, \U,
 * octal, the simple escapes; the other quote escaped is a syntax error). undefined = ErrSyntax.
 */
function goUnquote(text: string): string | undefined {
  const quote = text[0]!;
  if (text.length < 2 || text.at(-1) !== quote) return undefined;
  const s = text.slice(1, -1);
  let out = "";
  for (let i = 0; i < s.length;) {
    const c = s[i]!;
    if (c === quote) return undefined;
    if (c !== "\\") {
      out += c;
      i++;
      continue;
    }
    const e = s[i + 1];
    if (e === undefined) return undefined;
    if (SIMPLE_ESCAPES[e] !== undefined) {
      out += SIMPLE_ESCAPES[e];
      i += 2;
    } else if (e === "'" || e === '"') {
      if (e !== quote) return undefined;
      out += e;
      i += 2;
    } else if (e === "x" || e === "u" || e === "U") {
      const n = e === "x" ? 2 : e === "u" ? 4 : 8;
      const hex = s.slice(i + 2, i + 2 + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) return undefined;
      const v = parseInt(hex, 16);
      // \u and \U must be valid runes (no surrogates, at most U+10FFFF).
      if (e !== "x" && (v > 0x10ffff || (v >= 0xd800 && v < 0xe000))) return undefined;
      out += String.fromCodePoint(v);
      i += 2 + n;
    } else if (/[0-7]/.test(e)) {
      const oct = s.slice(i + 1, i + 4);
      if (!/^[0-7]{3}$/.test(oct) || parseInt(oct, 8) > 255) return undefined;
      out += String.fromCharCode(parseInt(oct, 8));
      i += 4;
    } else return undefined;
  }
  return out;
}

function compare(a: unknown, op: string, b: unknown): boolean {
  if (op === "exists") return a !== undefined;
  if (op === "==") return a === b || String(a) === String(b);
  if (op === "!=") return String(a) !== String(b);
  if (op === "<") return Number(a) < Number(b);
  return Number(a) > Number(b);
}

/** An error while the template runs (client-go's FindResults), worded as Go words it. */
export class JsonpathRunError extends Error {}

/** evalArray's bounds: [n] is [n:n+1]; negative ends count from the end; an empty range is
 * allowed through, any other range outside the list is an error. */
function arraySlice(v: readonly unknown[], step: Extract<Step, { s: "index" }>): unknown[] {
  const len = v.length;
  if (step.all) return [...v];
  let from = step.from;
  if (from < 0) from += len;
  let to = step.single ? step.from + 1 : (step.to ?? len);
  if (to < 0 || (to === 0 && step.single)) to += len;
  if (to === from) return [];
  if (from >= len || from < 0)
    throw new JsonpathRunError(`array index out of bounds: index ${from}, length ${len}`);
  if (to > len || to < 0)
    throw new JsonpathRunError(`array index out of bounds: index ${to - 1}, length ${len}`);
  if (from > to)
    throw new JsonpathRunError(`starting index ${from} is greater than ending index ${to}`);
  return v.slice(from, to);
}

export function evalPath(data: unknown, steps: readonly Step[]): unknown[] {
  let cur: unknown[] = [data];
  for (const step of steps) {
    const next: unknown[] = [];
    for (const v of cur) {
      if (step.s === "field") {
        if (v && typeof v === "object" && !Array.isArray(v) && step.name in v)
          next.push((v as Record<string, unknown>)[step.name]);
      } else if (step.s === "recursive") {
        const walk = (x: unknown) => {
          if (!x || typeof x !== "object") return;
          if (!Array.isArray(x) && step.name in x)
            next.push((x as Record<string, unknown>)[step.name]);
          for (const child of Object.values(x)) walk(child);
        };
        walk(v);
      } else if (step.s === "index") {
        if (v === null || v === undefined) continue;
        if (step.all && !Array.isArray(v)) continue;
        if (!Array.isArray(v)) throw new JsonpathRunError(`${goTypeName(v)} is not array or slice`);
        next.push(...arraySlice(v, step));
      } else if (Array.isArray(v)) {
        for (const item of v) {
          const got = evalPath(item, step.path);
          if (got.length && compare(got[0], step.op, step.value)) next.push(item);
        }
      }
    }
    cur = next;
  }
  return cur;
}

/** PrintResults' text of one value: maps and lists as encoding/json, the rest as fmt.Fprint
 * (a JSON null, e.g. a pod template's creationTimestamp, is Go's nil: <nil>). */
function text(v: unknown): string {
  if (v === undefined) return "";
  if (v !== null && typeof v === "object") return goMarshal(v);
  return goSprint(v);
}

/** The items a {range} walks: each result, a list's elements one by one. */
const rangeItems = (data: unknown, steps: Step[]) =>
  evalPath(data, steps).flatMap((x) => (Array.isArray(x) ? x : [x]));

function render(nodes: readonly Node[], data: unknown): string {
  let out = "";
  for (const n of nodes) {
    if (n.t === "text") out += n.v;
    else if (n.t === "path") out += evalPath(data, n.steps).map(text).join(" ");
    else for (const item of rangeItems(data, n.steps)) out += render(n.body, item);
  }
  return out;
}

/** FindResults: one list of values per template node, a range's body once per item. */
function results(nodes: readonly Node[], data: unknown): unknown[][] {
  const all: unknown[][] = [];
  for (const n of nodes) {
    if (n.t === "text") all.push([n.v]);
    else if (n.t === "path") all.push(evalPath(data, n.steps));
    else for (const item of rangeItems(data, n.steps)) all.push(...results(n.body, item));
  }
  return all;
}

/** -o jsonpath-as-json: each node's results as one indented JSON array (json.MarshalIndent). */
export function jsonpathAsJson(template: string, data: unknown): string {
  return results(parseTemplate(template), data)
    .map((r) => `${goMarshal(r, "    ")}\n`)
    .join("");
}

/**
 * Runs a kubectl JSONPath template over data, as -o jsonpath does: text outside braces is
 * printed as it is, and an execution error carries kubectl's debugging dump.
 */
export function jsonpath(template: string, data: unknown): string {
  const nodes = parseTemplate(template);
  try {
    return render(nodes, data);
  } catch (e) {
    if (!(e instanceof JsonpathRunError)) throw e;
    throw new CliError(
      `error: error executing jsonpath ${goQuote(template)}: Error executing template: ${e.message}. Printing more information for debugging the template:\n` +
        `\ttemplate was:\n\t\t${template}\n\tobject given to jsonpath engine was:\n\t\t${goSharpV(data)}\n\n\n`,
    );
  }
}

/** Values of one path, for --sort-by and custom-columns. */
export function pathValues(expr: string, data: unknown): unknown[] {
  const e = expr.replace(/^\{|\}$/g, "");
  return evalPath(data, parsePath(e.startsWith(".") || e.startsWith("$") ? e : `.${e}`));
}
