// JSON text that PostgreSQL's jsonb accepts. jsonb refuses the escape \u0000 and
// unpaired surrogate escapes, which JSON.stringify writes for such strings. Audit
// events and traces record what a client sent - a hostile name like "a\u0000b"
// included - so their strings are made storable (NUL and lone surrogates become
// U+FFFD) instead of failing the whole request with a 500.

const UNSTORABLE = /[\u0000\ud800-\udfff]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function storable(_key: string, value: unknown): unknown {
  if (typeof value !== "string" || !UNSTORABLE.test(value)) return value;
  return value.replaceAll("\u0000", "\ufffd").replace(LONE_SURROGATE, "\ufffd");
}

export function jsonbText(value: unknown): string {
  return JSON.stringify(value, storable);
}
