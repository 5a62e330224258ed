// YAML as Kubernetes' Go tools write it (sigs.k8s.io/yaml over go-yaml v2): map keys sorted,
// list items at their parent's indentation, "{}"/"[]" for empty collections, strings quoted
// only when plain style would change their meaning ("0", "true", "" in double quotes; "*" or
// "a: b" in single quotes), multi-line strings as literal blocks. Long lines are not folded.

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

// go-yaml v2 resolves these plain scalars to non-string types, so it double-quotes them.
const NON_STRING = [
  /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
  /^(?:~|null|Null|NULL)$/,
  /^[-+]?(?:0b[01_]+|0x[0-9a-fA-F_]+|0[0-7_]*|[1-9][0-9_]*)$/,
  /^[-+]?(?:\d[\d_]*)?\.?\d[\d_]*(?:[eE][-+]?\d+)?$/,
  /^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$/,
  /^\d{4}-\d\d?-\d\d?(?:(?:[Tt]|[ \t]+)\d\d?:\d\d:\d\d(?:\.\d*)?(?:[ \t]*(?:Z|[-+]\d\d?(?::\d\d)?))?)?$/,
  /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/,
];

function plainAllowed(s: string): boolean {
  if (s !== s.trim()) return false;
  if (/^[,[\]{}#&*!|>'"%@`]/.test(s)) return false;
  if (/^[-?:](?:\s|$)/.test(s)) return false;
  if (s.includes(": ") || s.includes(" #") || s.endsWith(":")) return false;
  return /^[\x20-\x7e\u00a0-\uffff]*$/.test(s);
}

function doubleQuote(s: string): string {
  return JSON.stringify(s);
}

function scalar(s: string, indent: string): string {
  if (s === "") return '""';
  if (s.includes("\n")) {
    const chomp = s.endsWith("\n") ? "|" : "|-";
    const body = s.endsWith("\n") ? s.slice(0, -1) : s;
    const pad = `${indent}  `;
    return `${chomp}\n${body
      .split("\n")
      .map((l) => (l === "" ? "" : pad + l))
      .join("\n")}`;
  }
  if (NON_STRING.some((re) => re.test(s))) return doubleQuote(s);
  if (plainAllowed(s)) return s;
  if (/^[\x20-\x7e]*$/.test(s)) return `'${s.replace(/'/g, "''")}'`;
  return doubleQuote(s);
}

function leaf(v: Json, indent: string): string | null {
  if (v === null) return "null";
  if (typeof v === "boolean" || typeof v === "number") return String(v);
  if (typeof v === "string") return scalar(v, indent);
  if (Array.isArray(v)) return v.length === 0 ? "[]" : null;
  return Object.keys(v).length === 0 ? "{}" : null;
}

function emit(v: Json, indent: string, out: string[]): void {
  if (Array.isArray(v)) {
    for (const item of v) {
      const l = leaf(item, indent);
      if (l !== null) {
        out.push(`${indent}- ${l}`);
        continue;
      }
      // The first line of a nested map or list shares the "- " line.
      const inner: string[] = [];
      emit(item, `${indent}  `, inner);
      out.push(`${indent}- ${inner[0]!.slice(indent.length + 2)}`, ...inner.slice(1));
    }
    return;
  }
  const obj = v as { [k: string]: Json };
  for (const key of Object.keys(obj).sort()) {
    const child = obj[key]!;
    const k = scalar(key, indent);
    const l = leaf(child, indent);
    if (l !== null) out.push(`${indent}${k}: ${l}`);
    else {
      out.push(`${indent}${k}:`);
      emit(child, Array.isArray(child) ? indent : `${indent}  `, out);
    }
  }
}

/** Marshals a JSON value to YAML the way kubectl/kubeadm print it (ends with a newline). */
export function toGoYaml(value: unknown): string {
  const v = JSON.parse(JSON.stringify(value)) as Json;
  const l = leaf(v, "");
  if (l !== null) return `${l}\n`;
  const out: string[] = [];
  emit(v, "", out);
  return `${out.join("\n")}\n`;
}
