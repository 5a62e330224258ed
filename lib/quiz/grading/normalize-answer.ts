// How a typed answer is compared with the accepted ones: Unicode NFKC (full-width
// letters and digits become ASCII), lower case, Korean transliterations of the
// lesson's English terms replaced by the English word, then every space and
// punctuation mark dropped. So "API 서버", "api-server", "에이피아이 서버" and
// "APIServer" are the same answer, and an author lists only real alternatives
// (e.g. "kube-apiserver" vs "API 서버"), not spellings.

// Longest first: "컨트롤러 매니저" must not be cut by "매니저" alone. Only terms of
// the lesson; each maps a Hangul spelling learners actually write to its English form.
const TRANSLITERATIONS: readonly (readonly [RegExp, string])[] = (
  [
    ["쿠버네티스", "kubernetes"],
    ["큐브", "kube"],
    ["쿠베", "kube"],
    ["에이피아이", "api"],
    ["서버", "server"],
    ["스케줄러", "scheduler"],
    ["스케쥴러", "scheduler"],
    ["컨트롤러", "controller"],
    ["컨트롤", "control"],
    ["매니저", "manager"],
    ["매니져", "manager"],
    ["플레인", "plane"],
    ["쿠블릿", "kubelet"],
    ["쿠블렛", "kubelet"],
    ["큐블릿", "kubelet"],
    ["큐블렛", "kubelet"],
    ["프록시", "proxy"],
    ["엣시디", "etcd"],
    ["이티시디", "etcd"],
    ["노드", "node"],
    ["마스터", "master"],
    ["워커", "worker"],
    ["파드", "pod"],
    ["포드", "pod"],
    ["리더", "leader"],
    ["리스", "lease"],
    ["워치", "watch"],
    ["와치", "watch"],
    ["래프트", "raft"],
    ["레프트", "raft"],
    ["런타임", "runtime"],
    ["컨테이너", "container"],
  ] as const
).map(([ko, en]) => [new RegExp(ko, "g"), en] as const);

export function normalizeAnswer(input: string): string {
  let s = input.normalize("NFKC").toLowerCase();
  for (const [ko, en] of TRANSLITERATIONS) s = s.replace(ko, en);
  // Letters (any script) and digits stay; spaces, hyphens, dots, quotes… go.
  return s.replace(/[^\p{L}\p{N}]+/gu, "");
}

/** Whether `input` equals one of `accepted` once both are normalized. */
export function matchesAccepted(input: string, accepted: readonly string[]): boolean {
  const got = normalizeAnswer(input);
  if (got === "") return false;
  return accepted.some((a) => normalizeAnswer(a) === got);
}

/**
 * A number typed by a learner: full-width digits, thousands separators, a leading
 * sign and a trailing unit ("2개", "2 members") are accepted; anything else is null.
 */
export function parseNumericAnswer(input: string): number | null {
  const s = input
    .normalize("NFKC")
    .trim()
    .replace(/(\d),(?=\d{3}\b)/g, "$1");
  const m = /^([+-]?(?:\d+(?:\.\d+)?|\.\d+))\s*[\p{L}%]*$/u.exec(s);
  if (!m) return null;
  const n = Number(m[1]);
  return Number.isFinite(n) ? n : null;
}
