// Kubernetes resource quantities ("100m", "1Gi", "2", "500Mi", "1e3"), as
// k8s.io/apimachinery/pkg/api/resource parses and prints them. A quantity is kept exactly as
// unscaled × 10^scale with a BigInt mantissa, so "1.5Gi" and "1536Mi" compare equal and
// nothing is lost to floating point; callers read plain numbers through value()/milliValue().

export type QuantityFormat = "DecimalExponent" | "BinarySI" | "DecimalSI";

/** The typed error for a malformed quantity; messages are apimachinery's. */
export class QuantityError extends Error {
  override readonly name = "QuantityError";
  constructor(
    message: string,
    readonly input: string,
  ) {
    super(message);
  }
}

/** resource.ErrFormatWrong / ErrNumeric / ErrSuffix texts. */
export const ERR_FORMAT_WRONG =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
export const ERR_NUMERIC = "unable to parse numeric part of quantity";
export const ERR_SUFFIX = "unable to parse quantity's suffix";

export interface Quantity {
  /** value = unscaled × 10^scale */
  readonly unscaled: bigint;
  readonly scale: number;
  readonly format: QuantityFormat;
}

const DECIMAL_SUFFIXES: Record<string, number> = {
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
const BINARY_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const NANO_SCALE = -9;
const QUANTITY_PATTERN = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

/** resource.ParseQuantity: throws QuantityError with apimachinery's message. */
export function parseQuantity(input: string): Quantity {
  const text = input.trim() === input ? input : "";
  if (text.length === 0) throw new QuantityError(ERR_FORMAT_WRONG, input);
  const match = QUANTITY_PATTERN.exec(text);
  if (!match) throw new QuantityError(ERR_FORMAT_WRONG, input);
  const numberPart = match[1]!;
  const suffix = match[2]!;

  let sign = 1n;
  let digits = numberPart;
  if (digits[0] === "+" || digits[0] === "-") {
    if (digits[0] === "-") sign = -1n;
    digits = digits.slice(1);
  }
  const dot = digits.indexOf(".");
  if (dot !== digits.lastIndexOf(".")) throw new QuantityError(ERR_NUMERIC, input);
  const whole = dot < 0 ? digits : digits.slice(0, dot);
  const fraction = dot < 0 ? "" : digits.slice(dot + 1);
  if (whole.length + fraction.length === 0) throw new QuantityError(ERR_NUMERIC, input);
  let unscaled = sign * BigInt(whole + fraction || "0");
  let scale = -fraction.length;

  let format: QuantityFormat;
  if (suffix in DECIMAL_SUFFIXES) {
    format = "DecimalSI";
    scale += DECIMAL_SUFFIXES[suffix]!;
  } else if (suffix in BINARY_SUFFIXES) {
    format = "BinarySI";
    unscaled *= 2n ** BigInt(BINARY_SUFFIXES[suffix]!);
  } else if (/^[eE][-+]?[0-9]+$/.test(suffix)) {
    format = "DecimalExponent";
    scale += Number.parseInt(suffix.slice(1), 10);
  } else {
    throw new QuantityError(ERR_SUFFIX, input);
  }
  return roundUpToNano({ unscaled, scale, format });
}

/** Like parseQuantity but returns undefined instead of throwing (for optional fields). */
export function tryParseQuantity(input: string): Quantity | undefined {
  try {
    return parseQuantity(input);
  } catch (error) {
    if (error instanceof QuantityError) return undefined;
    throw error;
  }
}

/** apimachinery keeps at most nano precision, rounding away from zero. */
function roundUpToNano(q: Quantity): Quantity {
  if (q.scale >= NANO_SCALE) return q;
  const divisor = pow10(NANO_SCALE - q.scale);
  return { ...q, unscaled: divideAwayFromZero(q.unscaled, divisor), scale: NANO_SCALE };
}

function divideAwayFromZero(n: bigint, d: bigint): bigint {
  const quotient = n / d;
  if (quotient * d === n) return quotient;
  return n < 0n ? quotient - 1n : quotient + 1n;
}

/** The value scaled to 10^scale, rounded away from zero (Quantity.ScaledValue). */
function scaledValue(q: Quantity, targetScale: number): bigint {
  if (q.scale >= targetScale) return q.unscaled * pow10(q.scale - targetScale);
  return divideAwayFromZero(q.unscaled, pow10(targetScale - q.scale));
}

/** Quantity.Value(): whole units, rounded up ("100m" → 1). */
export function quantityValue(q: Quantity): number {
  return Number(scaledValue(q, 0));
}

/** Quantity.MilliValue(): thousandths, rounded up ("0.1" → 100, "1" → 1000). */
export function quantityMilliValue(q: Quantity): number {
  return Number(scaledValue(q, -3));
}

/** Quantity.Cmp: -1, 0 or 1. */
export function compareQuantities(a: Quantity, b: Quantity): number {
  const scale = Math.min(a.scale, b.scale);
  const x = a.unscaled * pow10(a.scale - scale);
  const y = b.unscaled * pow10(b.scale - scale);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function addQuantities(a: Quantity, b: Quantity): Quantity {
  const scale = Math.min(a.scale, b.scale);
  const unscaled = a.unscaled * pow10(a.scale - scale) + b.unscaled * pow10(b.scale - scale);
  return { unscaled, scale, format: a.format };
}

/** A quantity from a plain integer count of units in the given format (NewQuantity). */
export function quantityFromValue(value: number, format: QuantityFormat): Quantity {
  return { unscaled: BigInt(Math.trunc(value)), scale: 0, format };
}

/** A quantity from thousandths (NewMilliQuantity), e.g. CPU in millicores. */
export function quantityFromMilli(milli: number, format: QuantityFormat = "DecimalSI"): Quantity {
  return { unscaled: BigInt(Math.trunc(milli)), scale: -3, format };
}

/** Strips trailing decimal zeros into the exponent: 1500 → (15, 2). */
function removeTens(unscaled: bigint, scale: number): [bigint, number] {
  if (unscaled === 0n) return [0n, 0];
  let n = unscaled;
  let s = scale;
  while (n % 10n === 0n) {
    n /= 10n;
    s += 1;
  }
  return [n, s];
}

/** Mantissa and a multiple-of-3 exponent (AsCanonicalBytes). */
function canonicalDecimal(q: Quantity): [bigint, number] {
  let [n, e] = removeTens(q.unscaled, q.scale);
  const rem = ((e % 3) + 3) % 3;
  if (rem !== 0) {
    n *= pow10(rem);
    e -= rem;
  }
  return [n, e];
}

const DECIMAL_SUFFIX_BY_EXPONENT = new Map(
  Object.entries(DECIMAL_SUFFIXES).map(([suffix, exponent]) => [exponent, suffix]),
);
const BINARY_SUFFIX_BY_EXPONENT = new Map(
  Object.entries(BINARY_SUFFIXES).map(([suffix, exponent]) => [exponent, suffix]),
);

/** Quantity.String(): the canonical form ("1.5Gi" → "1536Mi", "0.5" → "500m", "1000" → "1k"). */
export function formatQuantity(q: Quantity): string {
  let format = q.format;
  if (format === "BinarySI") {
    const small =
      compareQuantities(q, quantityFromValue(-1024, format)) > 0 &&
      compareQuantities(q, quantityFromValue(1024, format)) < 0;
    const integral = q.scale >= 0 || q.unscaled % pow10(-q.scale) === 0n;
    if (small || !integral) format = "DecimalSI";
  }
  if (format === "BinarySI") {
    let n = scaledValue(q, 0);
    let exponent = 0;
    while (n !== 0n && n % 1024n === 0n && exponent < 60) {
      n /= 1024n;
      exponent += 10;
    }
    return `${n}${BINARY_SUFFIX_BY_EXPONENT.get(exponent) ?? ""}`;
  }
  let [n, e] = canonicalDecimal(q);
  if (n === 0n) return "0";
  if (format === "DecimalExponent") return e === 0 ? `${n}` : `${n}e${e}`;
  if (e > 18) {
    n *= pow10(e - 18);
    e = 18;
  }
  return `${n}${DECIMAL_SUFFIX_BY_EXPONENT.get(e) ?? ""}`;
}

/** Parses a quantity and returns its canonical text; handy for printers. */
export function canonicalQuantity(input: string): string {
  return formatQuantity(parseQuantity(input));
}
