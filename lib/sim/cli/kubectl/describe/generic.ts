// The generic describer kubectl uses for kinds without their own (Lease, CRDs…):
// name, namespace, labels, annotations, then every other field with a "smart
// label" (camelCase split and title-cased), and the events.

/* eslint-disable @typescript-eslint/no-explicit-any -- API objects are read as loose JSON */
import type { DescribeContext } from "./context";
import { annotationsMultiline, describeEvents, labelsMultiline, PrefixWriter } from "./writer";
import { goSprint } from "../go-value";

/** fatih/camelcase.Split: runs of one character class; "HTMLParser" → HTML, Parser. */
function camelSplit(s: string): string[] {
  const cls = (c: string) => (/[a-z]/.test(c) ? 1 : /[A-Z]/.test(c) ? 2 : /[0-9]/.test(c) ? 3 : 4);
  const runs: string[][] = [];
  let last = 0;
  for (const c of s) {
    const k = cls(c);
    if (k === last) runs[runs.length - 1]!.push(c);
    else runs.push([c]);
    last = k;
  }
  for (let i = 0; i < runs.length - 1; i++) {
    if (runs[i]!.length && cls(runs[i]![0]!) === 2 && cls(runs[i + 1]![0]!) === 1)
      runs[i + 1]!.unshift(runs[i]!.pop()!);
  }
  return runs.filter((r) => r.length).map((r) => r.join(""));
}

const ACRONYMS = ["API", "URL", "UID", "OSB", "GUID"];

export function smartLabel(field: string): string {
  if (/[^\p{L}-]/u.test(field)) return field;
  return camelSplit(field)
    .filter((p) => p !== "_")
    .map((p) =>
      ACRONYMS.includes(p.toUpperCase()) ? p.toUpperCase() : p.charAt(0).toUpperCase() + p.slice(1),
    )
    .join(" ");
}

const SKIP = [
  ".metadata.name",
  ".metadata.namespace",
  ".metadata.labels",
  ".metadata.annotations",
  ".metadata.managedFields",
];

function printContent(
  w: PrefixWriter,
  level: number,
  content: Record<string, any>,
  prefix: string,
) {
  for (const field of Object.keys(content).sort()) {
    const value = content[field];
    const expr = `${prefix}.${field}`;
    if (SKIP.includes(expr)) continue;
    if (value && typeof value === "object" && !Array.isArray(value)) {
      w.write(level, `${smartLabel(field)}:\n`);
      printContent(w, level + 1, value, expr);
    } else if (Array.isArray(value)) {
      w.write(level, `${smartLabel(field)}:\n`);
      for (const child of value) {
        if (child && typeof child === "object" && !Array.isArray(child))
          printContent(w, level + 1, child, expr);
        else w.write(level + 1, `${goSprint(child)}\n`);
      }
    } else w.write(level, `${smartLabel(field)}:\t${goSprint(value)}\n`);
  }
}

export async function describeGeneric(o: any, d: DescribeContext): Promise<string> {
  const events = await d.events(o);
  const w = new PrefixWriter();
  w.write(0, `Name:\t${o.metadata.name}\n`);
  w.write(0, `Namespace:\t${o.metadata.namespace ?? ""}\n`);
  labelsMultiline(w, "Labels", o.metadata.labels);
  annotationsMultiline(w, "Annotations", o.metadata.annotations);
  printContent(w, 0, o, "");
  describeEvents(w, events, d.now);
  return w.toString();
}
