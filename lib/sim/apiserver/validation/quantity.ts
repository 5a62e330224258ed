// resource.Quantity, reduced to what validation, quota and limit ranges need: exact parsing into
// milli-units (BigInt, so sums never drift) and the canonical String() form kubectl prints.

export type QuantityFormat = "DecimalSI" | "BinarySI" | "DecimalExponent";

export interface Quantity {
  /** Value × 1000, rounded up like Quantity.MilliValue() for sub-milli amounts. */
  milli: bigint;
  format: QuantityFormat;
}

const BINARY: Record<string, bigint> = {
  Ki: 1n << 10n,
  Mi: 1n << 20n,
  Gi: 1n << 30n,
  Ti: 1n << 40n,
  Pi: 1n << 50n,
  Ei: 1n << 60n,
};
const DECIMAL: Record<string, number> = {
  n: -9,
  u: -6,
  m: -3,
  "": 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};

const QUANTITY_RE = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/;

/** The text the API server returns for a malformed quantity in a request body. */
export const QUANTITY_FORMAT_ERROR =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

// Parsed quantities by their text: the same few values ("10m", "128Mi") come back on every pod
// of a template, and the BigInt arithmetic is the costly part of validating a pod's resources.
// Results are frozen: every caller builds new quantities rather than changing one.
const parsed = new Map<string, Quantity | undefined>();
const PARSED_LIMIT = 1_000;
// Real quantities are a few characters; longer text (hostile input) is parsed but not kept, so
// the map stays small whatever a learner sends.
const PARSED_KEY_MAX = 64;

/** Parses a quantity; undefined when it is not one. */
export function parseQuantity(input: string | number): Quantity | undefined {
  // A number parses as its String() text, so both share an entry.
  const key = typeof input === "number" ? String(input) : input;
  if (key.length > PARSED_KEY_MAX) return parseText(key.trim());
  const hit = parsed.get(key);
  if (hit !== undefined || parsed.has(key)) return hit;
  const q = parseText(key.trim());
  if (parsed.size >= PARSED_LIMIT) parsed.clear();
  parsed.set(key, q && Object.freeze(q));
  return q;
}

function parseText(text: string): Quantity | undefined {
  const m = QUANTITY_RE.exec(text);
  if (!m) return undefined;
  const sign = m[1] === "-" ? -1n : 1n;
  const [intPart = "0", fracPart = ""] = (m[2] ?? "0").split(".");
  const suffix = m[3] ?? "";
  // value = digits / 10^frac.length (exact rational), then scaled by the suffix.
  const digits = BigInt((intPart || "0") + fracPart);
  let num = digits * 1000n;
  let den = pow10(fracPart.length);
  let format: QuantityFormat = "DecimalSI";
  if (suffix in BINARY) {
    num *= BINARY[suffix] ?? 1n;
    format = "BinarySI";
  } else if (/^[eE]/.test(suffix)) {
    const exp = Number(suffix.slice(1));
    if (exp >= 0) num *= pow10(exp);
    else den *= pow10(-exp);
    format = "DecimalExponent";
  } else {
    const exp = DECIMAL[suffix] ?? 0;
    if (exp >= 0) num *= pow10(exp);
    else den *= pow10(-exp);
  }
  // Round away from zero to the milli unit, as Quantity.MilliValue does.
  const milli = (num + den - 1n) / den;
  return { milli: sign * milli, format };
}

export function isQuantity(value: unknown): boolean {
  return (
    (typeof value === "string" || typeof value === "number") && parseQuantity(value) !== undefined
  );
}

export function quantity(milli: bigint, format: QuantityFormat = "DecimalSI"): Quantity {
  return { milli, format };
}

export function addQuantities(a: Quantity, b: Quantity): Quantity {
  return { milli: a.milli + b.milli, format: a.format };
}

export function compareQuantities(a: Quantity, b: Quantity): number {
  return a.milli < b.milli ? -1 : a.milli > b.milli ? 1 : 0;
}

/** Quantity.String(): the largest suffix that keeps the number whole. */
export function formatQuantity(q: Quantity): string {
  const neg = q.milli < 0n;
  const abs = neg ? -q.milli : q.milli;
  const sign = neg ? "-" : "";
  if (abs === 0n) return "0";
  if (q.format === "BinarySI" && abs % 1000n === 0n) {
    const whole = abs / 1000n;
    if (whole >= 1024n) {
      let best = "";
      let bestValue = whole;
      for (const [suffix, factor] of Object.entries(BINARY)) {
        if (whole % factor === 0n) {
          best = suffix;
          bestValue = whole / factor;
        }
      }
      return `${sign}${bestValue}${best}`;
    }
    return `${sign}${whole}`;
  }
  if (abs % 1000n !== 0n) return `${sign}${abs}m`;
  let whole = abs / 1000n;
  const suffixes = ["", "k", "M", "G", "T", "P", "E"];
  let i = 0;
  while (i < suffixes.length - 1 && whole % 1000n === 0n) {
    whole /= 1000n;
    i++;
  }
  return `${sign}${whole}${suffixes[i]}`;
}
