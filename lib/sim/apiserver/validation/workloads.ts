// apps/v1 and batch/v1 rules (pkg/apis/apps/validation, pkg/apis/batch/validation): selectors
// that must match the template, replicas, strategies, restart policies, and immutable fields.
import type { KubeObject } from "../object";
import {
  goLabelSelector,
  labelSelectorMatches,
  validateLabelSelector,
  type LabelSelector,
} from "../selectors/label-selector-object";
import { fieldErrors, GoRepr, type FieldError } from "./field-error";
import { isDNS1123Subdomain } from "./names";
import { IMMUTABLE_MESSAGE, validateObjectMeta } from "./object-meta";
import { validatePodTemplateSpec } from "./pod";

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Obj) : {};

function nonNegative(value: unknown, path: string): FieldError[] {
  return typeof value === "number" && value < 0
    ? [fieldErrors.invalid(path, value, "must be greater than or equal to 0")]
    : [];
}

function templateLabels(spec: Obj): Record<string, string> | undefined {
  return obj(obj(spec.template).metadata).labels as Record<string, string> | undefined;
}

/** Selector present, non-empty, valid, and matching the template's labels. */
function validateSelectorAndTemplate(spec: Obj, kindWord: string): FieldError[] {
  const errs: FieldError[] = [];
  const selector = spec.selector as LabelSelector | undefined;
  if (selector === undefined || selector === null) {
    errs.push(fieldErrors.required("spec.selector", ""));
  } else {
    errs.push(...validateLabelSelector(selector, "spec.selector"));
    const empty =
      Object.keys(selector.matchLabels ?? {}).length === 0 &&
      (selector.matchExpressions ?? []).length === 0;
    if (empty) {
      errs.push(
        fieldErrors.invalid(
          "spec.selector",
          goLabelSelector(selector),
          `empty selector is invalid for ${kindWord}`,
        ),
      );
    }
  }
  if (spec.template === undefined) {
    errs.push(fieldErrors.required("spec.template", ""));
    return errs;
  }
  const labels = templateLabels(spec);
  if (selector && !labelSelectorMatches(selector, labels)) {
    errs.push(
      fieldErrors.invalid(
        "spec.template.metadata.labels",
        labels ?? {},
        "`selector` does not match template `labels`",
      ),
    );
  }
  errs.push(...validatePodTemplateSpec(spec.template, "spec.template"));
  return errs;
}

function restartPolicyAlways(spec: Obj): FieldError[] {
  const rp = obj(obj(spec.template).spec).restartPolicy;
  return rp !== undefined && rp !== "Always"
    ? [fieldErrors.notSupported("spec.template.spec.restartPolicy", rp, ["Always"])]
    : [];
}

// intstr.IntOrString prints through its String() method in field errors: 25% and 1, unquoted.
const intOrString = (v: unknown) => new GoRepr(String(v));

/** ValidatePositiveIntOrPercent. */
export function validateIntOrPercent(value: unknown, path: string): FieldError[] {
  if (value === undefined) return [];
  if (typeof value === "number") {
    return value < 0
      ? [fieldErrors.invalid(path, value, "must be greater than or equal to 0")]
      : [];
  }
  if (typeof value === "string" && !/^[0-9]+%$/.test(value)) {
    return [
      fieldErrors.invalid(
        path,
        intOrString(value),
        "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
      ),
    ];
  }
  return [];
}

/** IsNotMoreThan100Percent: only maxUnavailable is bounded; a surge may exceed 100%. */
export function notMoreThan100Percent(value: unknown, path: string): FieldError[] {
  const m = typeof value === "string" ? /^([0-9]+)%$/.exec(value) : null;
  return m && Number(m[1]) > 100
    ? [fieldErrors.invalid(path, intOrString(value), "must not be greater than 100%")]
    : [];
}

const isZero = (v: unknown) => v === 0 || v === "0%";

export function validateDeployment(d: KubeObject): FieldError[] {
  const spec = obj(d.spec);
  const errs = [...validateObjectMeta(d.metadata, true, isDNS1123Subdomain)];
  errs.push(...nonNegative(spec.replicas, "spec.replicas"));
  errs.push(...validateSelectorAndTemplate(spec, "deployment"));
  errs.push(...restartPolicyAlways(spec));
  const strategy = obj(spec.strategy);
  const type = strategy.type;
  if (type !== undefined && type !== "Recreate" && type !== "RollingUpdate") {
    errs.push(fieldErrors.notSupported("spec.strategy.type", type, ["Recreate", "RollingUpdate"]));
  }
  if (type === "Recreate" && strategy.rollingUpdate !== undefined) {
    errs.push(
      fieldErrors.forbidden(
        "spec.strategy.rollingUpdate",
        "may not be specified when strategy `type` is 'Recreate'",
      ),
    );
  }
  const ru = obj(strategy.rollingUpdate);
  errs.push(
    ...validateIntOrPercent(ru.maxUnavailable, "spec.strategy.rollingUpdate.maxUnavailable"),
  );
  errs.push(...validateIntOrPercent(ru.maxSurge, "spec.strategy.rollingUpdate.maxSurge"));
  if (isZero(ru.maxUnavailable) && isZero(ru.maxSurge)) {
    errs.push(
      fieldErrors.invalid(
        "spec.strategy.rollingUpdate.maxUnavailable",
        intOrString(ru.maxUnavailable),
        "may not be 0 when `maxSurge` is 0",
      ),
    );
  }
  errs.push(
    ...notMoreThan100Percent(ru.maxUnavailable, "spec.strategy.rollingUpdate.maxUnavailable"),
  );
  errs.push(...nonNegative(spec.revisionHistoryLimit, "spec.revisionHistoryLimit"));
  errs.push(...nonNegative(spec.minReadySeconds, "spec.minReadySeconds"));
  if (
    typeof spec.progressDeadlineSeconds === "number" &&
    typeof spec.minReadySeconds === "number" &&
    spec.progressDeadlineSeconds <= spec.minReadySeconds
  ) {
    errs.push(
      fieldErrors.invalid(
        "spec.progressDeadlineSeconds",
        spec.progressDeadlineSeconds,
        "must be greater than minReadySeconds",
      ),
    );
  }
  return errs;
}

export function validateReplicaSet(rs: KubeObject): FieldError[] {
  const spec = obj(rs.spec);
  return [
    ...validateObjectMeta(rs.metadata, true, isDNS1123Subdomain),
    ...nonNegative(spec.replicas, "spec.replicas"),
    ...validateSelectorAndTemplate(spec, "deployment"),
    ...restartPolicyAlways(spec),
  ];
}

export function validateDaemonSet(ds: KubeObject): FieldError[] {
  const spec = obj(ds.spec);
  const errs = [
    ...validateObjectMeta(ds.metadata, true, isDNS1123Subdomain),
    ...validateSelectorAndTemplate(spec, "daemonset"),
    ...restartPolicyAlways(spec),
  ];
  const type = obj(spec.updateStrategy).type;
  if (type !== undefined && type !== "OnDelete" && type !== "RollingUpdate") {
    errs.push(
      fieldErrors.notSupported("spec.updateStrategy.type", type, ["OnDelete", "RollingUpdate"]),
    );
  }
  return errs;
}

export function validateStatefulSet(sts: KubeObject): FieldError[] {
  const spec = obj(sts.spec);
  const errs = [
    ...validateObjectMeta(sts.metadata, true, isDNS1123Subdomain),
    ...nonNegative(spec.replicas, "spec.replicas"),
    ...validateSelectorAndTemplate(spec, "statefulset"),
    ...restartPolicyAlways(spec),
  ];
  const policy = spec.podManagementPolicy;
  if (policy !== undefined && policy !== "OrderedReady" && policy !== "Parallel") {
    errs.push(
      fieldErrors.invalid(
        "spec.podManagementPolicy",
        policy,
        "must be 'OrderedReady' or 'Parallel'",
      ),
    );
  }
  return errs;
}

export function validateJob(job: KubeObject): FieldError[] {
  const spec = obj(job.spec);
  const errs = [...validateObjectMeta(job.metadata, true, isDNS1123Subdomain)];
  for (const f of ["parallelism", "completions", "backoffLimit"] as const) {
    errs.push(...nonNegative(spec[f], `spec.${f}`));
  }
  if (typeof spec.activeDeadlineSeconds === "number" && spec.activeDeadlineSeconds < 0) {
    errs.push(
      fieldErrors.invalid(
        "spec.activeDeadlineSeconds",
        spec.activeDeadlineSeconds,
        "must be greater than or equal to 0",
      ),
    );
  }
  if (spec.template === undefined) {
    errs.push(fieldErrors.required("spec.template", ""));
  } else {
    const selector = spec.selector as LabelSelector | undefined;
    if (selector) {
      errs.push(...validateLabelSelector(selector, "spec.selector"));
      const labels = templateLabels(spec);
      if (!labelSelectorMatches(selector, labels)) {
        errs.push(
          fieldErrors.invalid(
            "spec.template.metadata.labels",
            labels ?? {},
            "`selector` does not match template `labels`",
          ),
        );
      }
    }
    errs.push(...validatePodTemplateSpec(spec.template, "spec.template"));
    const rp = obj(obj(spec.template).spec).restartPolicy;
    if (rp !== "OnFailure" && rp !== "Never") {
      errs.push(
        fieldErrors.notSupported("spec.template.spec.restartPolicy", rp ?? "", [
          "OnFailure",
          "Never",
        ]),
      );
    }
  }
  return errs;
}

const stable = (v: unknown) =>
  JSON.stringify(v, (_k, val: unknown) =>
    val && typeof val === "object" && !Array.isArray(val)
      ? Object.fromEntries(Object.entries(val as Obj).sort(([a], [b]) => (a < b ? -1 : 1)))
      : val,
  );

/** Update rules shared by the apps kinds: spec.selector is immutable in apps/v1. */
export function validateAppsUpdate(next: KubeObject, prev: KubeObject): FieldError[] {
  const ns = obj(next.spec).selector as LabelSelector | undefined;
  const ps = obj(prev.spec).selector as LabelSelector | undefined;
  // The very stored selector (a controller's update of the object it read): nothing to compare.
  if (ns === ps) return [];
  return stable(ns) !== stable(ps)
    ? [fieldErrors.invalid("spec.selector", goLabelSelector(ns), IMMUTABLE_MESSAGE)]
    : [];
}

const STATEFULSET_UPDATABLE =
  "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

const STATEFULSET_MUTABLE = [
  "replicas",
  "ordinals",
  "template",
  "updateStrategy",
  "persistentVolumeClaimRetentionPolicy",
  "minReadySeconds",
];

export function validateStatefulSetUpdate(next: KubeObject, prev: KubeObject): FieldError[] {
  const strip = (o: KubeObject) => {
    const spec = { ...obj(o.spec) };
    for (const f of STATEFULSET_MUTABLE) delete spec[f];
    return spec;
  };
  return stable(strip(next)) !== stable(strip(prev))
    ? [fieldErrors.forbidden("spec", STATEFULSET_UPDATABLE)]
    : [];
}

/** batch/v1 Job: selector and (outside suspended-job scheduling tweaks) template are immutable. */
export function validateJobUpdate(next: KubeObject, prev: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const n = obj(next.spec);
  const p = obj(prev.spec);
  for (const f of ["selector", "completions", "template", "completionMode"] as const) {
    if (stable(n[f]) !== stable(p[f])) {
      errs.push(
        fieldErrors.invalid(
          `spec.${f}`,
          f === "selector" ? goLabelSelector(n[f] as LabelSelector) : n[f],
          IMMUTABLE_MESSAGE,
        ),
      );
    }
  }
  return errs;
}
