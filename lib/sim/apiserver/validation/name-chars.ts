// The name regexes of names.ts checked character by character. Every create and update checks a
// handful of names, label keys and values; irregexp's backtracking over the nested groups of the
// subdomain pattern cost more than the rest of an Event's metadata validation. Each function
// accepts exactly what its regex (in the comment, as names.ts prints it) accepts.

// RegExp.test converts what it is given to a string (a number label value in a body still
// reaches validation); so do these.
const text = (v: unknown): string => (typeof v === "string" ? v : String(v));

const isLowerAlnum = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
const isAlnum = (c: number) => isLowerAlnum(c) || (c >= 65 && c <= 90);

/** `^[a-z0-9]([-a-z0-9]*[a-z0-9])?$` on value[from, to) (to > from). */
function lowerLabelIn(value: string, from: number, to: number): boolean {
  if (to <= from) return false;
  if (!isLowerAlnum(value.charCodeAt(from)) || !isLowerAlnum(value.charCodeAt(to - 1)))
    return false;
  for (let i = from + 1; i < to - 1; i++) {
    const c = value.charCodeAt(i);
    if (!isLowerAlnum(c) && c !== 45) return false;
  }
  return true;
}

/** `^[a-z0-9]([-a-z0-9]*[a-z0-9])?$` */
export function matchesDNS1123Label(input: string): boolean {
  const value = text(input);
  return lowerLabelIn(value, 0, value.length);
}

/** `^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$`: labels joined by dots. */
export function matchesDNS1123Subdomain(input: string): boolean {
  const value = text(input);
  let start = 0;
  for (;;) {
    const dot = value.indexOf(".", start);
    const end = dot < 0 ? value.length : dot;
    if (!lowerLabelIn(value, start, end)) return false;
    if (dot < 0) return true;
    start = dot + 1;
  }
}

/** `^[a-z]([-a-z0-9]*[a-z0-9])?$` */
export function matchesDNS1035Label(input: string): boolean {
  const value = text(input);
  const c = value.charCodeAt(0);
  return c >= 97 && c <= 122 && lowerLabelIn(value, 0, value.length);
}

/** `^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$` */
export function matchesQualifiedName(input: string): boolean {
  const value = text(input);
  const n = value.length;
  if (n === 0 || !isAlnum(value.charCodeAt(0)) || !isAlnum(value.charCodeAt(n - 1))) return false;
  for (let i = 1; i < n - 1; i++) {
    const c = value.charCodeAt(i);
    if (!isAlnum(c) && c !== 45 && c !== 95 && c !== 46) return false;
  }
  return true;
}

/** `^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$`: empty or a qualified name. */
export function matchesLabelValue(input: string): boolean {
  const value = text(input);
  return value.length === 0 || matchesQualifiedName(value);
}

/** `^[-._a-zA-Z0-9]+$` */
export function matchesConfigKey(input: string): boolean {
  const value = text(input);
  if (value.length === 0) return false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (!isAlnum(c) && c !== 45 && c !== 95 && c !== 46) return false;
  }
  return true;
}
