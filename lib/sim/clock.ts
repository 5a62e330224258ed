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
export function formatTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

/** RFC 3339 with microseconds, as metav1.MicroTime serializes (audit events, leases). */
export function formatMicroTime(ms: number): string {
  const iso = new Date(Math.floor(ms)).toISOString(); // ...T03:04:05.123Z
  return iso.replace(/\.(\d{3})Z$/, (_, milli: string) => `.${milli}000Z`);
}

/** Parses an RFC 3339 timestamp back to epoch milliseconds (NaN when malformed). */
export function parseTime(text: string): number {
  return Date.parse(text);
}
