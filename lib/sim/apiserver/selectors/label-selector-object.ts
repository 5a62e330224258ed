// metav1.LabelSelector (matchLabels / matchExpressions) as used in specs: conversion to a
// selector (LabelSelectorAsSelector), matching, and ValidateLabelSelector's field errors.
import {
  fieldErrors,
  GoRepr,
  goQuote,
  goStringMap,
  type FieldError,
} from "../validation/field-error";
import { validateLabels } from "../validation/object-meta";
import { isQualifiedName } from "../validation/names";
import { selectorMatches, type Requirement, type Selector } from "./label-selector";

export interface LabelSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

const OP_MAP: Record<string, Requirement["operator"]> = {
  In: "in",
  NotIn: "notin",
  Exists: "exists",
  DoesNotExist: "!",
};

/**
 * LabelSelectorAsSelector: `undefined`/null selects nothing, `{}` selects everything.
 * Returns "nothing" for the nil case so callers cannot mistake it for an empty selector.
 */
export function labelSelectorAsSelector(
  ls: LabelSelector | null | undefined,
): Selector | "nothing" {
  if (ls === null || ls === undefined) return "nothing";
  const reqs: Requirement[] = [];
  for (const [k, v] of Object.entries(ls.matchLabels ?? {}))
    reqs.push({ key: k, operator: "=", values: [v] });
  for (const e of ls.matchExpressions ?? []) {
    const op = OP_MAP[e.operator];
    if (!op) throw new Error(`${goQuote(e.operator)} is not a valid label selector operator`);
    reqs.push({
      key: e.key,
      operator: op,
      values: op === "exists" || op === "!" ? [] : [...(e.values ?? [])],
    });
  }
  return reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export function labelSelectorMatches(
  ls: LabelSelector | null | undefined,
  labels: Record<string, string> | undefined,
): boolean {
  const sel = labelSelectorAsSelector(ls);
  return sel !== "nothing" && selectorMatches(sel, labels);
}

/** metav1validation.ValidateLabelSelector. */
export function validateLabelSelector(ls: LabelSelector | undefined, path: string): FieldError[] {
  if (!ls) return [];
  const errs: FieldError[] = [...validateLabels(ls.matchLabels, `${path}.matchLabels`)];
  (ls.matchExpressions ?? []).forEach((e, i) => {
    const p = `${path}.matchExpressions[${i}]`;
    const values = e.values ?? [];
    switch (e.operator) {
      case "In":
      case "NotIn":
        if (values.length === 0) {
          errs.push(
            fieldErrors.required(
              `${p}.values`,
              "must be specified when `operator` is 'In' or 'NotIn'",
            ),
          );
        }
        break;
      case "Exists":
      case "DoesNotExist":
        if (values.length > 0) {
          errs.push(
            fieldErrors.forbidden(
              `${p}.values`,
              "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
            ),
          );
        }
        break;
      default:
        errs.push(
          fieldErrors.invalid(`${p}.operator`, e.operator, "not a valid selector operator"),
        );
    }
    for (const m of isQualifiedName(e.key ?? ""))
      errs.push(fieldErrors.invalid(`${p}.key`, e.key, m));
  });
  return errs;
}

/** %#v of a *metav1.LabelSelector, as printed in "field is immutable" errors. */
export function goLabelSelector(ls: LabelSelector | undefined): GoRepr {
  if (!ls) return new GoRepr("(*v1.LabelSelector)(nil)");
  const exprs =
    ls.matchExpressions === undefined
      ? "[]v1.LabelSelectorRequirement(nil)"
      : `[]v1.LabelSelectorRequirement{${ls.matchExpressions
          .map(
            (e) =>
              `v1.LabelSelectorRequirement{Key:${goQuote(e.key)}, Operator:${goQuote(e.operator)}, Values:${
                e.values === undefined
                  ? "[]string(nil)"
                  : `[]string{${e.values.map(goQuote).join(", ")}}`
              }}`,
          )
          .join(", ")}}`;
  return new GoRepr(
    `v1.LabelSelector{MatchLabels:${goStringMap(ls.matchLabels)}, MatchExpressions:${exprs}}`,
  );
}
