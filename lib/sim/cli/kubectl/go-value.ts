// How kubectl (Go) writes a decoded JSON value (map[string]interface{}, []interface{},
// string, int64/float64, bool, nil) in its printers: encoding/json for jsonpath's maps and
// lists and for -o json, fmt's %v for custom-columns and describe's generic fields.

/** Go sorts map keys by their UTF-8 bytes; for JSON keys the UTF-16 order agrees except
 * across surrogates, which object keys in Kubernetes do not use. */
const byGoKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A map's keys in Go's order, without those whose value is undefined (as JSON.stringify
 * leaves them out: they were never in the decoded object). */
const presentKeys = (m: Record<string, unknown>) =>
  Object.keys(m)
    .filter((k) => m[k] !== undefined)
    .sort(byGoKey);

const isMap = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * encoding/json's escapes that JSON.stringify does not write: HTML-safe (<, >, &) and
 * U+2028/U+2029, as \u00XX. Applied to a whole JSON text, these characters only occur
 * inside strings, so the text stays the same JSON.
 */
export function goJsonEscapes(json: string): string {
  return json.replace(/[<>&\u2028\u2029]/g, (c) => {
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
}

/** encoding/json's string. */
const goJsonString = (s: string) => goJsonEscapes(JSON.stringify(s));

/**
 * encoding/json.Marshal (indent "") or MarshalIndent(v, "", indent) of a decoded JSON
 * value: map keys sorted (Object.keys would put integer-like keys first), no trailing
 * newline. Numbers as JSON.stringify writes them, which matches Go's float64 and int64.
 */
export function goMarshal(value: unknown, indent = ""): string {
  const write = (v: unknown, pad: string): string => {
    if (v === null || v === undefined) return "null";
    if (typeof v === "string") return goJsonString(v);
    if (typeof v !== "object") return JSON.stringify(v) ?? "null";
    const inner = pad + indent;
    const nl = indent ? `\n${inner}` : "";
    const end = indent ? `\n${pad}` : "";
    const colon = indent ? ": " : ":";
    if (Array.isArray(v)) {
      if (v.length === 0) return "[]";
      return `[${nl}${v.map((x) => write(x, inner)).join(`,${nl}`)}${end}]`;
    }
    const map = v as Record<string, unknown>;
    const keys = presentKeys(map);
    if (keys.length === 0) return "{}";
    const fields = keys.map((k) => `${goJsonString(k)}${colon}${write(map[k], inner)}`);
    return `{${nl}${fields.join(`,${nl}`)}${end}}`;
  };
  return write(value, "");
}

/** fmt's %v of a float64 (strconv's 'g', shortest): %e when the exponent is < -4 or >= 6. */
function goFloat(n: number): string {
  if (!Number.isFinite(n)) return n > 0 ? "+Inf" : n < 0 ? "-Inf" : "NaN";
  const [mantissa, exp] = n.toExponential().split("e") as [string, string];
  const e = Number(exp);
  // strconv uses precision 6 for this decision when the digits are the shortest.
  if (e < -4 || e >= 6)
    return `${mantissa}e${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
  return String(n);
}

/**
 * fmt's %v of a decoded JSON value: nil as <nil>, maps as map[k:v ...] with sorted keys,
 * lists as [a b]. Integers are int64 in kubectl's unstructured objects, other numbers float64.
 */
export function goSprint(v: unknown): string {
  if (v === null || v === undefined) return "<nil>";
  if (Array.isArray(v)) return `[${v.map(goSprint).join(" ")}]`;
  if (isMap(v)) {
    const keys = presentKeys(v);
    return `map[${keys.map((k) => `${k}:${goSprint(v[k])}`).join(" ")}]`;
  }
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : goFloat(v);
  return String(v);
}

/** strconv.Quote of a string: Go's escapes, printable characters kept as they are. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === "\\") out += `\\${ch}`;
    else if (GO_ESCAPES[ch] !== undefined) out += GO_ESCAPES[ch];
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, "0")}`;
    else if ((c >= 0x80 && c < 0xa0) || c === 0x2028 || c === 0x2029 || c === 0xfeff)
      out += `\\u${c.toString(16).padStart(4, "0")}`;
    else out += ch;
  }
  return `${out}"`;
}

const GO_ESCAPES: Record<string, string> = {
  "\x07": "\\a",
  "\b": "\\b",
  "\f": "\\f",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\v": "\\v",
};

/** The Go type of a decoded JSON value, as fmt's %T and client-go's errors name it. */
export function goTypeName(v: unknown): string {
  if (v === null || v === undefined) return "interface {}";
  if (Array.isArray(v)) return "[]interface {}";
  if (typeof v === "object") return "map[string]interface {}";
  if (typeof v === "number") return Number.isInteger(v) ? "int64" : "float64";
  return typeof v === "boolean" ? "bool" : "string";
}

/** fmt's %#v of a decoded JSON value held in an interface{} (kubectl's debugging dumps). */
export function goSharpV(v: unknown): string {
  if (v === null || v === undefined) return "interface {}(nil)";
  if (Array.isArray(v)) return `[]interface {}{${v.map(goSharpV).join(", ")}}`;
  if (isMap(v)) {
    const fields = presentKeys(v).map((k) => `${goQuote(k)}:${goSharpV(v[k])}`);
    return `map[string]interface {}{${fields.join(", ")}}`;
  }
  if (typeof v === "string") return goQuote(v);
  return goSprint(v);
}
