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

// What JSON.stringify writes for those characters: NUL as \u0000, a lone surrogate
// as \udXXX (a pair is written as the character itself). A backslash typed by the
// user before "u0000" also matches; that only costs the slower path below.
const UNSTORABLE_ESCAPE = /\\u(?:0000|d[89a-f])/i;

export function jsonbText(value: unknown): string {
  // Every write's audit events and traces go through here: stringify plainly (a
  // replacer function runs for every key and value, which showed in profiles) and
  // redo it with the replacer only when the text holds an escape jsonb refuses.
  const plain = JSON.stringify(value);
  return UNSTORABLE_ESCAPE.test(plain) ? JSON.stringify(value, storable) : plain;
}
