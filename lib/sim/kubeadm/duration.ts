// Go's time.ParseDuration for the values kubeadm configs hold ("24h0m0s", "90m", "0s").

const UNITS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Milliseconds, or null when the text is not a Go duration. */
export function parseGoDuration(text: string): number | null {
  if (text === "0") return 0;
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/y;
  let ms = 0;
  let i = text.startsWith("-") || text.startsWith("+") ? 1 : 0;
  if (i === text.length) return null;
  while (i < text.length) {
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m) return null;
    ms += Number(m[1]) * UNITS[m[2]!]!;
    i = re.lastIndex;
  }
  return text.startsWith("-") ? -ms : ms;
}
