// Kubernetes orders API versions "kube-aware" (apimachinery version.CompareKubeAwareVersionStrings):
// GA before beta before alpha, higher numbers first, non-matching names last alphabetically.
// Discovery and the preferred version of a CRD follow this order.

const KUBE_VERSION = /^v(\d+)(?:(alpha|beta)(\d+))?$/;

function rank(v: string): [number, number, number] | null {
  const m = KUBE_VERSION.exec(v);
  if (!m) return null;
  const stability = m[2] === undefined ? 2 : m[2] === "beta" ? 1 : 0;
  return [stability, Number(m[1]), m[3] === undefined ? 0 : Number(m[3])];
}

/** Negative when `a` has the higher priority (sorts first). */
export function compareKubeVersions(a: string, b: string): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra && rb) {
    for (let i = 0; i < 3; i++) {
      const d = (rb[i] ?? 0) - (ra[i] ?? 0);
      if (d !== 0) return d;
    }
    return 0;
  }
  if (ra) return -1;
  if (rb) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
