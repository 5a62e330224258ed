// Runs a parsed shell script (shell-script.ts) on virtual time, collecting what it echoes.
import { MAX_LINES_PER_RUN, type LogLine, type RunContext } from "./types";
import { parseScript, type Stmt } from "./shell-script";

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const p2 = (n: number) => String(n).padStart(2, "0");

/** busybox/coreutils `date` in a UTC container: "Mon Jan  5 09:00:00 UTC 2026". */
export function shellDate(ms: number): string {
  const d = new Date(ms);
  return (
    `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, " ")} ` +
    `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`
  );
}

class Stop extends Error {}

interface Machine {
  t: number;
  ctx: RunContext;
  vars: Map<string, string>;
  lines: LogLine[];
}

function lookup(m: Machine, name: string): string {
  if (m.vars.has(name)) return m.vars.get(name)!;
  if (name === "HOSTNAME") return m.ctx.podName;
  return m.ctx.env[name] ?? "";
}

function arithmetic(m: Machine, expr: string): string {
  const e = /^\s*(\w+)\s*([+\-*])\s*(\w+)\s*$/.exec(expr);
  const val = (x: string) => (/^\d+$/.test(x) ? Number(x) : Number(lookup(m, x)) || 0);
  if (!e) return String(val(expr.trim()));
  const [a, b] = [val(e[1]!), val(e[3]!)];
  return String(e[2] === "+" ? a + b : e[2] === "-" ? a - b : a * b);
}

/** $((...)), $(date), $(hostname), ${X} and $X. */
function expand(m: Machine, s: string): string {
  return s.replace(
    /\$\(\((.*?)\)\)|\$\((\w+)\)|\$\{(\w+)\}|\$(\w+)/g,
    (_all, arith?: string, cmd?: string, braced?: string, bare?: string) => {
      if (arith !== undefined) return arithmetic(m, arith);
      if (cmd === "date") return shellDate(m.t);
      if (cmd === "hostname") return m.ctx.podName;
      if (cmd !== undefined) return "";
      return lookup(m, (braced ?? bare)!);
    },
  );
}

function word(m: Machine, w: string): string {
  let out = "";
  for (const part of w.match(/'[^']*'|"[^"]*"|[^'"]+/g) ?? []) {
    if (part.startsWith("'")) out += part.slice(1, -1);
    else if (part.startsWith('"')) out += expand(m, part.slice(1, -1));
    // Unquoted: the expansion is split into fields, which echo joins with single spaces.
    else out += expand(m, part).split(/\s+/).join(" ");
  }
  return out;
}

function exec(m: Machine, stmts: readonly Stmt[]): void {
  for (const s of stmts) {
    switch (s.t) {
      case "echo":
        if (m.t > m.ctx.endAt) throw new Stop();
        m.lines.push({ at: m.t, text: s.words.map((w) => word(m, w)).join(" ") });
        // Nothing but rotation bounds a loop without sleep.
        if (m.lines.length >= MAX_LINES_PER_RUN * 2) throw new Stop();
        break;
      case "sleep":
        m.t += s.seconds * 1000;
        if (m.t > m.ctx.endAt) throw new Stop();
        break;
      case "assign":
        m.vars.set(s.name, word(m, s.value));
        break;
      case "for":
        for (const item of s.items) {
          m.vars.set(s.name, word(m, item));
          exec(m, s.body);
        }
        break;
      case "while":
        runLoop(m, s.body);
        break;
      case "other":
        break;
    }
  }
}

/**
 * `while true`: after one iteration the loop's period and each counter's step are known,
 * so iterations whose lines rotation would have dropped are skipped rather than run.
 */
function runLoop(m: Machine, body: readonly Stmt[]): void {
  for (;;) {
    const t0 = m.t;
    const n0 = m.lines.length;
    const before = new Map(m.vars);
    exec(m, body);
    const period = m.t - t0;
    const perIter = m.lines.length - n0;
    if (period <= 0) {
      if (perIter === 0) return; // would spin forever printing nothing: nothing to show
      continue;
    }
    const remaining = Math.floor((m.ctx.endAt - m.t) / period);
    const keep = Math.ceil(MAX_LINES_PER_RUN / Math.max(perIter, 1));
    if (remaining > keep) {
      const skip = remaining - keep;
      m.t += skip * period;
      for (const [k, v] of m.vars) {
        const a = Number(before.get(k));
        const b = Number(v);
        if (before.has(k) && Number.isFinite(a) && Number.isFinite(b) && /^-?\d+$/.test(v))
          m.vars.set(k, String(b + skip * (b - a)));
      }
    }
  }
}

/** What `sh -c <script>` echoes between startedAt and endAt. */
export function shellOutput(script: string, ctx: RunContext): LogLine[] {
  const m: Machine = { t: ctx.startedAt, ctx, vars: new Map(), lines: [] };
  try {
    exec(m, parseScript(script));
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
  }
  return m.lines.slice(-MAX_LINES_PER_RUN);
}
