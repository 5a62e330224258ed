// kubectl create cronjob (create_cronjob.go) and kubectl create priorityclass
// (create_priorityclass.go): flag checks as cobra/kubectl word them, then the typed
// object kubectl builds. (CronJobs are generated faithfully; whether the simulated
// API server serves batch/v1 cronjobs is its own matter.)

import type { KubeObject } from "../../apiserver/object";
import { CliError } from "../errors";
import { flagBool, flagString, type FlagSpec, type ParsedArgs } from "./flags";

export const CRONJOB_FLAGS: FlagSpec[] = [
  { name: "schedule", type: "string" },
  { name: "restart", type: "string" },
];

export const PRIORITYCLASS_FLAGS: FlagSpec[] = [
  { name: "value", type: "int" },
  { name: "global-default", type: "bool" },
  { name: "description", type: "string" },
  { name: "preemption-policy", type: "string" },
];

/** cobra's MarkFlagRequired check: every missing flag named, sorted, in one message. */
export function requireFlags(p: ParsedArgs, names: string[]): void {
  const missing = names.filter((n) => !p.flags.has(n)).sort();
  if (missing.length)
    throw new CliError(
      `error: required flag(s) ${missing.map((n) => `"${n}"`).join(", ")} not set`,
    );
}

/** `command` is what followed NAME (kubectl takes args[1:], so after `--` too). */
export function generateCronJob(
  name: string,
  p: ParsedArgs,
  ns: string,
  command: string[],
): KubeObject {
  requireFlags(p, ["image", "schedule"]);
  const image = p.flags.get("image")?.[0] ?? "";
  return {
    apiVersion: "batch/v1",
    kind: "CronJob",
    metadata: { name, namespace: ns },
    spec: {
      jobTemplate: {
        metadata: { name },
        spec: {
          template: {
            metadata: {},
            spec: {
              containers: [{ ...(command.length ? { command } : {}), image, name, resources: {} }],
              restartPolicy: flagString(p, "restart") || "OnFailure",
            },
          },
        },
      },
      schedule: flagString(p, "schedule") ?? "",
    },
  } as unknown as KubeObject;
}

export function generatePriorityClass(name: string, p: ParsedArgs): KubeObject {
  const description = flagString(p, "description") ?? "";
  return {
    apiVersion: "scheduling.k8s.io/v1",
    kind: "PriorityClass",
    metadata: { name },
    ...(description ? { description } : {}),
    ...(flagBool(p, "global-default") ? { globalDefault: true } : {}),
    preemptionPolicy: flagString(p, "preemption-policy") ?? "PreemptLowerPriority",
    value: Number(flagString(p, "value") ?? 0),
  } as unknown as KubeObject;
}
