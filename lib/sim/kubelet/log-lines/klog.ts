// klog's text header as Kubernetes components print it in their containers:
// "I0105 09:00:00.123456       1 server.go:148] message" (severity, MMDD, time with
// microseconds, the thread id right-aligned in 7 columns - 1 in a container -, file:line).
const pad = (n: number, w: number) => String(n).padStart(w, "0");

export function klog(severity: "I" | "W" | "E", ms: number, source: string, msg: string): string {
  const d = new Date(ms);
  const stamp =
    `${pad(d.getUTCMonth() + 1, 2)}${pad(d.getUTCDate(), 2)} ` +
    `${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}.` +
    pad(d.getUTCMilliseconds() * 1000, 6);
  return `${severity}${stamp} ${"1".padStart(7, " ")} ${source}] ${msg}`;
}

/** etcd 3.5's zap JSON timestamp: RFC 3339 with microseconds, UTC. */
export function zapTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");
}
