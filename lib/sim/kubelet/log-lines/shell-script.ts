// A tiny subset of sh, enough for the commands lab manifests give containers:
// `echo` (with $VAR, ${VAR}, $(date), $(hostname)), `sleep N`, `X=N`, `X=$((X+1))`,
// `while true|:; do ...; done` and `for v in a b c; do ...; done`, joined by `;`, `&&` or
// newlines. Anything else prints nothing. Executed on virtual time: each echo is stamped
// with the instant the loop reached it, so a loop that echoes every 5 s writes one line per
// 5 virtual seconds.

export type Stmt =
  | { t: "echo"; words: string[] }
  | { t: "sleep"; seconds: number }
  | { t: "assign"; name: string; value: string }
  | { t: "while"; body: Stmt[] }
  | { t: "for"; name: string; items: string[]; body: Stmt[] }
  | { t: "other" };

/** Splits on ; && || and newlines outside quotes, keeping do/done as their own tokens. */
function statements(src: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quote = "";
  let depth = 0;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quote) {
      cur += ch;
      if (ch === quote) quote = "";
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      cur += ch;
      continue;
    }
    if (ch === "(") depth++;
    if (ch === ")") depth = Math.max(0, depth - 1);
    const two = src.slice(i, i + 2);
    if (depth === 0 && (ch === ";" || ch === "\n" || two === "&&" || two === "||")) {
      out.push(cur);
      cur = "";
      if (two === "&&" || two === "||") i++;
      continue;
    }
    cur += ch;
  }
  out.push(cur);
  // "do echo x" → "do", "echo x": the keyword starts the body.
  return out
    .map((s) => s.trim())
    .flatMap((s) => (/^do\s+/.test(s) ? ["do", s.slice(2).trim()] : [s]))
    .filter((s) => s !== "");
}

/** Shell words with their quotes kept (expansion happens at run time). */
function words(s: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quote = "";
  let depth = 0;
  for (const ch of s) {
    if (quote) {
      cur += ch;
      if (ch === quote) quote = "";
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      cur += ch;
    } else if (ch === "(") {
      depth++;
      cur += ch;
    } else if (ch === ")") {
      depth--;
      cur += ch;
    } else if (/\s/.test(ch) && depth <= 0) {
      if (cur) out.push(cur);
      cur = "";
    } else cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

function parseBlock(parts: string[], pos: { i: number }): Stmt[] {
  const out: Stmt[] = [];
  while (pos.i < parts.length) {
    const s = parts[pos.i]!;
    if (s === "done") return out;
    pos.i++;
    const loop = /^while\s+(true|:)$/.exec(s);
    const forIn = /^for\s+(\w+)\s+in\s+(.*)$/.exec(s);
    if (loop || forIn) {
      if (parts[pos.i] === "do") pos.i++;
      const body = parseBlock(parts, pos);
      pos.i++; // done
      out.push(
        loop
          ? { t: "while", body }
          : { t: "for", name: forIn![1]!, items: words(forIn![2]!), body },
      );
      continue;
    }
    out.push(parseSimple(s));
  }
  return out;
}

function parseSimple(s: string): Stmt {
  const assign = /^(\w+)=(\S*)$/.exec(s);
  if (assign) return { t: "assign", name: assign[1]!, value: assign[2]! };
  const w = words(s);
  const cmd = (w[0] ?? "").split("/").pop();
  if (cmd === "echo") {
    let rest = w.slice(1);
    while (rest[0] === "-n" || rest[0] === "-e") rest = rest.slice(1);
    return { t: "echo", words: rest };
  }
  if (cmd === "date") return { t: "echo", words: ["$(date)"] };
  if (cmd === "sleep" && /^\d+(\.\d+)?$/.test(w[1] ?? ""))
    return { t: "sleep", seconds: Number(w[1]) };
  return { t: "other" };
}

export function parseScript(src: string): Stmt[] {
  return parseBlock(statements(src), { i: 0 });
}
