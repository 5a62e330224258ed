// klog's text header, which kubeadm's warnings carry on stderr:
// "W1126 05:01:53.123456    1234 initconfiguration.go:306] message".
import type { KlogWarning } from "./load-config";

const pad = (n: number, w: number) => String(n).padStart(w, "0");

export function klogLine(
  severity: "I" | "W" | "E",
  ms: number,
  pid: number,
  w: KlogWarning,
): string {
  const d = new Date(ms);
  const micros = pad(d.getUTCMilliseconds() * 1000, 6);
  const stamp =
    `${pad(d.getUTCMonth() + 1, 2)}${pad(d.getUTCDate(), 2)} ` +
    `${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}.${micros}`;
  return `${severity}${stamp} ${String(pid).padStart(7, " ")} ${w.source}] ${w.message}`;
}
