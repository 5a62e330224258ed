// Field-level validation errors, mirroring k8s.io/apimachinery/pkg/util/validation/field: the
// same error types, the same wording and the same aggregation, so `kubectl` prints exactly the
// lines a real API server returns.

export type FieldErrorType =
  | "FieldValueNotFound"
  | "FieldValueRequired"
  | "FieldValueDuplicate"
  | "FieldValueInvalid"
  | "FieldValueNotSupported"
  | "FieldValueForbidden"
  | "FieldValueTooLong"
  | "FieldValueTooMany"
  | "InternalError"
  | "FieldValueTypeInvalid";

/** Marks an error whose value must not be printed (TooMany with unknown quantity). */
export const OMIT_VALUE: unique symbol = Symbol("omitValue");

export interface FieldError {
  type: FieldErrorType;
  field: string;
  badValue: unknown;
  detail: string;
}

const TYPE_TEXT: Record<FieldErrorType, string> = {
  FieldValueNotFound: "Not found",
  FieldValueRequired: "Required value",
  FieldValueDuplicate: "Duplicate value",
  FieldValueInvalid: "Invalid value",
  FieldValueNotSupported: "Unsupported value",
  FieldValueForbidden: "Forbidden",
  FieldValueTooLong: "Too long",
  FieldValueTooMany: "Too many",
  InternalError: "Internal error",
  FieldValueTypeInvalid: "Invalid value",
};

export function fieldErrorTypeText(type: FieldErrorType): string {
  return TYPE_TEXT[type];
}

/** Go's strconv.Quote for the characters that can appear in API input. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    switch (ch) {
      case '"':
        out += '\\"';
        break;
      case "\\":
        out += "\\\\";
        break;
      case "\n":
        out += "\\n";
        break;
      case "\r":
        out += "\\r";
        break;
      case "\t":
        out += "\\t";
        break;
      case "\x07":
        out += "\\a";
        break;
      case "\b":
        out += "\\b";
        break;
      case "\f":
        out += "\\f";
        break;
      case "\v":
        out += "\\v";
        break;
      default:
        if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, "0")}`;
        else out += ch;
    }
  }
  return out + '"';
}

/**
 * A bad value already rendered the way Go's %#v prints the original Go type, e.g.
 * `v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, ...}`.
 */
export class GoRepr {
  constructor(readonly text: string) {}
}

// Go prints non-scalar bad values with %#v. String slices and string maps are the common cases
// (finalizers, accessModes, labels); other composites are printed as JSON, the closest honest
// rendering of a decoded JSON value.
function formatBadValue(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (value instanceof GoRepr) return value.text;
  if (typeof value === "string") return goQuote(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) {
    return `[]string{${value.map((v) => goQuote(v)).join(", ")}}`;
  }
  if (typeof value === "object" && Object.values(value).every((v) => typeof v === "string")) {
    return goStringMap(value as Record<string, string>);
  }
  return JSON.stringify(value);
}

/** %#v of a map[string]string: keys sorted, `{"k":"v", "k2":"v2"}`. */
export function goStringMap(m: Record<string, string> | undefined): string {
  if (m === undefined) return "map[string]string(nil)";
  const keys = Object.keys(m).sort();
  return `map[string]string{${keys.map((k) => `${goQuote(k)}:${goQuote(m[k] ?? "")}`).join(", ")}}`;
}

/** field.Error.ErrorBody(): the message without the field path. */
export function fieldErrorBody(e: FieldError): string {
  let s: string;
  if (
    e.type === "FieldValueRequired" ||
    e.type === "FieldValueForbidden" ||
    e.type === "FieldValueTooLong" ||
    e.type === "InternalError" ||
    e.badValue === OMIT_VALUE
  ) {
    s = TYPE_TEXT[e.type];
  } else {
    s = `${TYPE_TEXT[e.type]}: ${formatBadValue(e.badValue)}`;
  }
  if (e.detail.length > 0) s += `: ${e.detail}`;
  return s;
}

/** field.Error.Error(): "<field>: <body>". */
export function fieldErrorString(e: FieldError): string {
  return `${e.field}: ${fieldErrorBody(e)}`;
}

/**
 * ErrorList.ToAggregate().Error(): duplicates removed, one error printed bare, several as
 * "[a, b]". Returns "" for an empty list.
 */
export function aggregateFieldErrors(errs: readonly FieldError[]): string {
  const seen = new Set<string>();
  const msgs: string[] = [];
  for (const e of errs) {
    const m = fieldErrorString(e);
    if (seen.has(m)) continue;
    seen.add(m);
    msgs.push(m);
  }
  if (msgs.length === 0) return "";
  if (msgs.length === 1) return msgs[0] ?? "";
  return `[${msgs.join(", ")}]`;
}

export const fieldErrors = {
  notFound: (field: string, value: unknown): FieldError => ({
    type: "FieldValueNotFound",
    field,
    badValue: value,
    detail: "",
  }),
  required: (field: string, detail = ""): FieldError => ({
    type: "FieldValueRequired",
    field,
    badValue: "",
    detail,
  }),
  duplicate: (field: string, value: unknown): FieldError => ({
    type: "FieldValueDuplicate",
    field,
    badValue: value,
    detail: "",
  }),
  invalid: (field: string, value: unknown, detail: string): FieldError => ({
    type: "FieldValueInvalid",
    field,
    badValue: value,
    detail,
  }),
  notSupported: (field: string, value: unknown, validValues: readonly string[]): FieldError => ({
    type: "FieldValueNotSupported",
    field,
    badValue: value,
    detail:
      validValues.length > 0
        ? `supported values: ${validValues.map((v) => goQuote(v)).join(", ")}`
        : "",
  }),
  forbidden: (field: string, detail: string): FieldError => ({
    type: "FieldValueForbidden",
    field,
    badValue: "",
    detail,
  }),
  tooLong: (field: string, value: unknown, maxLength: number): FieldError => ({
    type: "FieldValueTooLong",
    field,
    badValue: value,
    detail: `must have at most ${maxLength} bytes`,
  }),
  /** field.TooLongMaxLength: the older wording still used by some validators. */
  tooLongMaxLength: (field: string, value: unknown, maxLength: number): FieldError => ({
    type: "FieldValueTooLong",
    field,
    badValue: value,
    detail: maxLength >= 0 ? `may not be longer than ${maxLength}` : "value is too long",
  }),
  tooMany: (field: string, actualQuantity: number, maxQuantity: number): FieldError => ({
    type: "FieldValueTooMany",
    field,
    badValue: actualQuantity >= 0 ? actualQuantity : OMIT_VALUE,
    detail: maxQuantity >= 0 ? `must have at most ${maxQuantity} items` : "has too many items",
  }),
  internal: (field: string, message: string): FieldError => ({
    type: "InternalError",
    field,
    badValue: null,
    detail: message,
  }),
  typeInvalid: (field: string, value: unknown, detail: string): FieldError => ({
    type: "FieldValueTypeInvalid",
    field,
    badValue: value,
    detail,
  }),
};
