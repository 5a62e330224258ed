import { describe, expect, it } from "vitest";
import {
  matchesConfigKey,
  matchesDNS1035Label,
  matchesDNS1123Label,
  matchesDNS1123Subdomain,
  matchesLabelValue,
  matchesQualifiedName,
} from "./name-chars";

// The upstream patterns (k8s.io/apimachinery/pkg/util/validation) the matchers replace.
const LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const QUALIFIED = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
const cases: [string, (v: string) => boolean, RegExp][] = [
  ["DNS-1123 label", matchesDNS1123Label, new RegExp(`^${LABEL}$`)],
  ["DNS-1123 subdomain", matchesDNS1123Subdomain, new RegExp(`^${LABEL}(\\.${LABEL})*$`)],
  ["DNS-1035 label", matchesDNS1035Label, /^[a-z]([-a-z0-9]*[a-z0-9])?$/],
  ["qualified name", matchesQualifiedName, new RegExp(`^${QUALIFIED}$`)],
  ["label value", matchesLabelValue, new RegExp(`^(${QUALIFIED})?$`)],
  ["config key", matchesConfigKey, /^[-._a-zA-Z0-9]+$/],
];

// Every string up to length 4 over an alphabet with one character of each class the patterns
// tell apart, plus longer random ones (a fixed LCG: the test is deterministic).
const ALPHABET = ["a", "z", "0", "9", "A", "Z", "-", ".", "_", "/", " ", "\n", "é"];
function shortStrings(): string[] {
  let level = [""];
  const all = [""];
  for (let len = 1; len <= 4; len++) {
    level = level.flatMap((s) => ALPHABET.map((c) => s + c));
    all.push(...level);
  }
  return all;
}
function randomStrings(n: number): string[] {
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    let s = "";
    const len = next() % 40;
    for (let j = 0; j < len; j++) s += ALPHABET[next() % 7]!;
    out.push(s);
  }
  return out;
}
const inputs = [
  ...shortStrings(),
  ...randomStrings(5_000),
  "web-68bbf95786-28j9k.17a2b3c4d5e6f708",
  "kube-api-access-xx24v",
  "a..b",
  ".a",
  "a.",
  "a-.b",
  "a.-b",
  "example.com",
];

describe("name matchers", () => {
  for (const [name, match, re] of cases) {
    it(`accepts exactly what the ${name} pattern accepts`, () => {
      const differ = inputs.filter((s) => match(s) !== re.test(s));
      expect(differ).toEqual([]);
      // And both accept some and refuse some of the inputs.
      expect(inputs.some((s) => match(s))).toBe(true);
      expect(inputs.some((s) => !match(s))).toBe(true);
    });
  }

  it("converts a non-string as RegExp.test does", () => {
    const re = new RegExp(`^${QUALIFIED}$`);
    for (const v of [123, true, undefined, null] as unknown as string[]) {
      expect(matchesQualifiedName(v)).toBe(re.test(v));
      expect(matchesLabelValue(v)).toBe(new RegExp(`^(${QUALIFIED})?$`).test(v));
    }
  });
});
