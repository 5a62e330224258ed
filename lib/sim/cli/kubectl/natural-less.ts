// The natural string order kubectl's --sort-by uses for strings (Go's
// github.com/fvbommel/sortorder NaturalLess): runs of digits compare as numbers
// ("web-2x" < "web-27x", because 2 < 27), everything else byte by byte, and a
// digit sorts before any other character. Re-implemented from its description so
// the rows come out exactly as the real kubectl prints them.

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Whether a sorts before b in natural order. */
export function naturalLess(a: string, b: string): boolean {
  // Go compares UTF-8 bytes; code units agree with that for the ASCII that
  // Kubernetes names and most field values hold.
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const c1 = a.charCodeAt(i);
    const c2 = b.charCodeAt(j);
    const d1 = isDigit(c1);
    const d2 = isDigit(c2);
    if (d1 !== d2) return d1;
    if (!d1) {
      if (c1 !== c2) return c1 < c2;
      i++;
      j++;
      continue;
    }
    // Both at a number: skip leading zeros, then the shorter number is smaller;
    // equal lengths compare as strings; equal numbers: fewer zeros first.
    while (i < a.length && a.charCodeAt(i) === 48) i++;
    while (j < b.length && b.charCodeAt(j) === 48) j++;
    const start1 = i;
    const start2 = j;
    while (i < a.length && isDigit(a.charCodeAt(i))) i++;
    while (j < b.length && isDigit(b.charCodeAt(j))) j++;
    if (i - start1 !== j - start2) return i - start1 < j - start2;
    const n1 = a.slice(start1, i);
    const n2 = b.slice(start2, j);
    if (n1 !== n2) return n1 < n2;
    if (start1 !== start2) return start1 < start2;
  }
  // Equal so far and at least one has ended: the shorter string first.
  return a.length < b.length;
}
