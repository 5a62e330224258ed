// PostgreSQL array literals built directly for the write statement's row columns.
// node-postgres turns a JS array parameter into the same text, but element by element
// through its generic prepareValue and two regex replaces per element (every number
// quoted and escaped too): a scale's 31 rows × 9 columns showed in write profiles. The
// literals below parse to the same arrays (casts in the statement: $n::int[], ::text[]...).

/** `{1,2,3}` for integers (int4/int8 columns; int8 may come as decimal strings). */
export function intArrayLiteral(values: readonly (number | string)[]): string {
  return `{${values.join(",")}}`;
}

/** `{t,f}` for booleans. */
export function boolArrayLiteral(values: readonly boolean[]): string {
  let out = "{";
  for (let i = 0; i < values.length; i++) out += (i > 0 ? "," : "") + (values[i] ? "t" : "f");
  return `${out}}`;
}

const NEEDS_ESCAPE = /[\\"]/;

/** `{"a","b"}` for text: every element quoted, `\` and `"` backslash-escaped (as node-postgres). */
export function textArrayLiteral(values: readonly string[]): string {
  let out = "{";
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const escaped = NEEDS_ESCAPE.test(v) ? v.replace(/[\\"]/g, "\\$&") : v;
    out += `${i > 0 ? "," : ""}"${escaped}"`;
  }
  return `${out}}`;
}
