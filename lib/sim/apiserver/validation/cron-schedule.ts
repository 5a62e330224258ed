// The syntax check kube-apiserver 1.28 applies to spec.schedule: robfig/cron v3's
// ParseStandard (5 fields, or a descriptor like @hourly / @every 1h), with its error texts.
// No npm cron library is in package.json, so this re-states only the parser's syntax rules
// and messages; it computes no run times (no CronJob controller runs schedules yet).

interface Bounds {
  min: number;
  max: number;
  names?: Readonly<Record<string, number>>;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const DAYS: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

/** Minute, hour, day of month, month, day of week: the standard parser's five places. */
const PLACES: readonly Bounds[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: MONTHS },
  { min: 0, max: 6, names: DAYS },
];

const DESCRIPTORS = new Set([
  "@yearly",
  "@annually",
  "@monthly",
  "@weekly",
  "@daily",
  "@midnight",
  "@hourly",
]);

/** Go's time.ParseDuration grammar ("1h30m", "90s", "1.5h"); signs and "0" included. */
const GO_DURATION = /^[-+]?(0|([0-9]*(\.[0-9]*)?(ns|us|µs|μs|ms|s|m|h))+)$/;

/** strconv.Atoi, with its error wording (values beyond int64 are reported out of range). */
function atoi(s: string): number {
  if (!/^[-+]?[0-9]+$/.test(s))
    throw new Error(`strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
  const n = Number(s);
  if (!Number.isSafeInteger(n))
    throw new Error(`strconv.Atoi: parsing ${JSON.stringify(s)}: value out of range`);
  return n;
}

function mustParseInt(expr: string): number {
  let num: number;
  try {
    num = atoi(expr);
  } catch (e) {
    throw new Error(`failed to parse int from ${expr}: ${(e as Error).message}`);
  }
  if (num < 0) throw new Error(`negative number (${num}) not allowed: ${expr}`);
  return num;
}

function parseIntOrName(expr: string, names?: Readonly<Record<string, number>>): number {
  const named = names?.[expr.toLowerCase()];
  return named ?? mustParseInt(expr);
}

function checkRange(expr: string, r: Bounds): void {
  const rangeAndStep = expr.split("/");
  const lowAndHigh = (rangeAndStep[0] ?? "").split("-");
  const low = lowAndHigh[0] ?? "";
  let start: number;
  let end: number;
  if (low === "*" || low === "?") {
    start = r.min;
    end = r.max;
  } else {
    start = parseIntOrName(low, r.names);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = parseIntOrName(lowAndHigh[1] ?? "", r.names);
    else throw new Error(`too many hyphens: ${expr}`);
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    step = mustParseInt(rangeAndStep[1] ?? "");
    // "N/step" means "N-max/step".
    if (lowAndHigh.length === 1) end = r.max;
  } else if (rangeAndStep.length > 2) {
    throw new Error(`too many slashes: ${expr}`);
  }
  if (start < r.min)
    throw new Error(`beginning of range (${start}) below minimum (${r.min}): ${expr}`);
  if (end > r.max) throw new Error(`end of range (${end}) above maximum (${r.max}): ${expr}`);
  if (start > end)
    throw new Error(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new Error(`step of range should be a positive number: ${expr}`);
}

function checkDescriptor(spec: string): void {
  if (DESCRIPTORS.has(spec)) return;
  const every = "@every ";
  if (spec.startsWith(every)) {
    const d = spec.slice(every.length);
    if (!GO_DURATION.test(d))
      throw new Error(
        `failed to parse duration ${spec}: time: invalid duration ${JSON.stringify(d)}`,
      );
    return;
  }
  throw new Error(`unrecognized descriptor: ${spec}`);
}

/**
 * The error robfig/cron's ParseStandard returns for `schedule`, or undefined when it parses.
 * A leading TZ=/CRON_TZ= prefix is skipped here (validation rejects any "TZ" on its own).
 */
export function cronScheduleError(schedule: string): string | undefined {
  let spec = schedule;
  if (spec.length === 0) return "empty spec string";
  try {
    if (spec.startsWith("TZ=") || spec.startsWith("CRON_TZ=")) {
      const i = spec.indexOf(" ");
      spec = i < 0 ? "" : spec.slice(i).trim();
    }
    if (spec.startsWith("@")) {
      checkDescriptor(spec);
      return undefined;
    }
    // strings.Fields: runs of Unicode white space separate the fields.
    const fields = spec.split(/\s+/).filter((f) => f !== "");
    if (fields.length !== PLACES.length)
      throw new Error(
        `expected exactly ${PLACES.length} fields, found ${fields.length}: [${fields.join(" ")}]`,
      );
    fields.forEach((field, i) => {
      // strings.FieldsFunc on ',': empty items are dropped.
      for (const expr of field.split(",").filter((e) => e !== ""))
        checkRange(expr, PLACES[i] as Bounds);
    });
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}
