// A lab as authors write it in content/<course>/…/labs/<id>.yaml: the starting
// cluster, ordered tasks with hints, a hidden reference solution and the checks
// that grade each task. Strings may hold `{{param}}` placeholders filled per learner.
import { z } from "zod";
import { labControlSchema } from "./control-schema";
import { checkSchema } from "./check-schema";

const id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be kebab-case");

export const paramSchema = z.discriminatedUnion("type", [
  /** A DNS-1123 name: prefix + 4 characters drawn from the learner's id hash. */
  z.strictObject({ type: z.literal("name"), prefix: z.string().regex(/^[a-z][a-z0-9-]*$/) }),
  z.strictObject({ type: z.literal("int"), min: z.int(), max: z.int() }),
  z.strictObject({ type: z.literal("choice"), values: z.array(z.string().min(1)).min(1) }),
]);

/** Faults injected after the start objects exist, in order. */
export const faultSchema = z.union([
  z.strictObject({ stopEtcdMember: z.string().min(1) }),
  z.strictObject({ powerOff: z.string().min(1) }),
  z.strictObject({
    taint: z.strictObject({
      node: z.string().min(1),
      key: z.string().min(1),
      value: z.string().optional(),
      effect: z.enum(["NoSchedule", "PreferNoSchedule", "NoExecute"]),
    }),
  }),
  z.strictObject({ cordon: z.string().min(1) }),
  /** Lets virtual time pass (seconds), e.g. so pods are Running or a node goes NotReady. */
  z.strictObject({ fastForwardSeconds: z.int().positive().max(3600) }),
]);

export const startSchema = z.strictObject({
  /**
   * The kubeadm configuration the cluster was built with: `default` (the lesson's
   * single control plane) or `ha-stacked` (stacked etcd behind k8s-api.example.com:6443,
   * needed for several control planes).
   */
  kubeadmConfig: z.enum(["default", "ha-stacked"]).default("default"),
  /** The kubeadm cluster: control-plane and worker counts (master1…, worker1…). */
  controlPlanes: z.int().min(1).max(5).default(1),
  workers: z.int().min(0).max(5).default(2),
  /** Manifests created as kubernetes-admin before the learner arrives. */
  objects: z.array(z.record(z.string(), z.unknown())).default([]),
  faults: z.array(faultSchema).default([]),
});

/** One step of the reference solution: a terminal line, or a manifest piped to `kubectl apply -f -`. */
export const solutionStepSchema = z.union([
  z.strictObject({
    run: z.string().min(1),
    /** Keep the output (trimmed) as `[[name]]` for later steps: values only the cluster knows. */
    saveAs: z
      .string()
      .regex(/^[a-zA-Z][a-zA-Z0-9]*$/)
      .optional(),
    /** A regex whose first group is kept instead of the whole output. */
    extract: z.string().optional(),
    /** The exit code the command ends with (default 0), e.g. 1 for `endpoint health` with a member down. */
    expectExit: z.int().nonnegative().default(0),
  }),
  z.strictObject({ apply: z.string().min(1) }),
  /** A file the learner writes in the lab editor (workspace), e.g. a kubeadm config for `--config`. */
  z.strictObject({ file: z.string().min(1), content: z.string().min(1) }),
  /** The lab's control panel (stop an etcd member, power a machine off, fast-forward). */
  z.strictObject({ control: labControlSchema }),
  /** Virtual seconds that pass before the next step (a learner waits; tests fast-forward). */
  z.strictObject({ waitSeconds: z.int().positive().max(3600) }),
]);

export const taskSchema = z.strictObject({
  id,
  title: z.string().min(1),
  /** Korean Markdown. */
  instructions: z.string().min(1),
  hints: z.array(z.string().min(1)).default([]),
  solution: z.array(solutionStepSchema).min(1),
  checks: z.array(checkSchema).min(1),
});

export const labSchema = z
  .strictObject({
    id,
    title: z.string().min(1),
    goal: z.string().min(1),
    /** Index (0-based) of the session's learning goal this lab serves (lesson.md `goals`). */
    learningGoal: z.int().nonnegative(),
    estimatedMinutes: z.int().positive(),
    params: z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/), paramSchema).default({}),
    start: startSchema.default({
      kubeadmConfig: "default",
      controlPlanes: 1,
      workers: 2,
      objects: [],
      faults: [],
    }),
    tasks: z.array(taskSchema).min(1),
  })
  .superRefine((lab, ctx) => {
    const seen = new Set<string>();
    lab.tasks.forEach((t, i) => {
      if (seen.has(t.id))
        ctx.addIssue({ code: "custom", path: ["tasks", i, "id"], message: "duplicate task id" });
      seen.add(t.id);
      const checks = new Set<string>();
      t.checks.forEach((c, j) => {
        if (checks.has(c.id))
          ctx.addIssue({
            code: "custom",
            path: ["tasks", i, "checks", j, "id"],
            message: "duplicate check id in task",
          });
        checks.add(c.id);
      });
    });
    if (lab.start.controlPlanes > 1 && lab.start.kubeadmConfig !== "ha-stacked")
      ctx.addIssue({
        code: "custom",
        path: ["start", "kubeadmConfig"],
        message: "several control planes need kubeadmConfig: ha-stacked (a controlPlaneEndpoint)",
      });
    for (const [name, p] of Object.entries(lab.params))
      if (p.type === "int" && p.min > p.max)
        ctx.addIssue({ code: "custom", path: ["params", name], message: "min > max" });
  });

export type LabDefinition = z.output<typeof labSchema>;
export type LabTask = LabDefinition["tasks"][number];
export type LabParam = z.output<typeof paramSchema>;
export type LabFault = z.output<typeof faultSchema>;
export type SolutionStep = z.output<typeof solutionStepSchema>;
