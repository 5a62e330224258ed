// Virtual time. The engine never reads the wall clock: callers pass a Clock,
// so a test can step time and replaying the same requests gives the same state.

export interface Clock {
  /** Milliseconds since the Unix epoch, in virtual time. */
  now(): number;
}

/** A clock frozen at one instant; the engine's request handling uses this. */
export function fixedClock(ms: number): Clock {
  return { now: () => ms };
}

/** A clock a test or the engine steps by hand. */
export class ManualClock implements Clock {
  constructor(private ms: number) {}
  now(): number {
    return this.ms;
  }
  advance(deltaMs: number): void {
    if (!Number.isFinite(deltaMs) || deltaMs < 0) throw new RangeError("time only moves forward");
    this.ms += deltaMs;
  }
  set(ms: number): void {
    if (ms < this.ms) throw new RangeError("time only moves forward");
    this.ms = ms;
  }
}

/** RFC 3339 with second precision, as metav1.Time serializes ("2024-01-02T03:04:05Z"). */
let lastSecond = NaN;
let lastFormatted = "";

export function formatTime(ms: number): string {
  // Called for every write at the same few virtual instants: keep the last one.
  const second = Math.floor(ms / 1000);
  if (second !== lastSecond) {
    lastFormatted = new Date(second * 1000).toISOString().replace(".000Z", "Z");
    lastSecond = second;
  }
  return lastFormatted;
}

/** RFC 3339 with microseconds, as metav1.MicroTime serializes (audit events, leases). */
let lastMilli = NaN;
let lastMicroFormatted = "";

export function formatMicroTime(ms: number): string {
  const milli = Math.floor(ms);
  if (milli !== lastMilli) {
    const iso = new Date(milli).toISOString(); // ...T03:04:05.123Z
    lastMicroFormatted = `${iso.slice(0, -1)}000Z`;
    lastMilli = milli;
  }
  return lastMicroFormatted;
}

/** Parses an RFC 3339 timestamp back to epoch milliseconds (NaN when malformed). */
export function parseTime(text: string): number {
  return Date.parse(text);
}
