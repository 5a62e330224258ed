// The declarative checks a lab task is graded by. Each check reads the sandbox's
// state (objects, etcd cluster, RBAC, kubeadm config, request traces) and never
// the commands the learner typed: the grade is what the cluster now *is*.
import { z } from "zod";
import { fieldMatchSchema, matcherSchema } from "./matcher-schema";

const id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be kebab-case");

/** Which objects a check looks at: one by name, or all matching selectors. */
const targetFields = {
  /** Plural resource name as in the API path (pods, deployments, configmaps). */
  resource: z.string().min(1),
  /** API group ("" for the core group, apps, rbac.authorization.k8s.io…). */
  group: z.string().default(""),
  namespace: z.string().optional(),
  name: z.string().optional(),
  /** Label selector, kubectl syntax (`app=web,tier!=db`). */
  selector: z.string().optional(),
  /** Field selector, kubectl syntax (`status.phase=Running`, `spec.nodeName=worker1`). */
  fieldSelector: z.string().optional(),
};

const common = {
  id,
  /** What the check verifies, in Korean, shown to learners. */
  description: z.string().min(1),
  points: z.int().positive().default(1),
};

export const objectCheckSchema = z.strictObject({
  ...common,
  type: z.literal("object"),
  ...targetFields,
  name: z.string().min(1),
  /** true: the object must not exist. */
  absent: z.boolean().default(false),
  fields: z.array(fieldMatchSchema).default([]),
});

export const countCheckSchema = z.strictObject({
  ...common,
  type: z.literal("count"),
  ...targetFields,
  /** Only objects whose fields all match are counted. */
  where: z.array(fieldMatchSchema).default([]),
  count: matcherSchema,
});

export const placementCheckSchema = z.strictObject({
  ...common,
  type: z.literal("placement"),
  namespace: z.string().optional(),
  /** A pod by name, or the pods a label selector picks. */
  name: z.string().optional(),
  selector: z.string().optional(),
  /** Every pod must be bound to one of these nodes. */
  onNodes: z.array(z.string().min(1)).optional(),
  /** No pod may be bound to these nodes. */
  notOnNodes: z.array(z.string().min(1)).optional(),
  /** The pods must run on at least this many distinct nodes. */
  distinctNodes: z.int().positive().optional(),
  /** true: the pod(s) must stay unscheduled (Pending with no node). */
  unscheduled: z.boolean().optional(),
  /** At least this many pods must be selected (default 1). */
  minPods: z.int().nonnegative().default(1),
});

export const conditionCheckSchema = z.strictObject({
  ...common,
  type: z.literal("condition"),
  ...targetFields,
  /** Condition type: Ready, Available, Progressing, PodScheduled… */
  condition: z.string().min(1),
  status: z.enum(["True", "False", "Unknown"]).default("True"),
  /** Condition reason the object must report (e.g. Unschedulable). */
  reason: z.string().optional(),
  minObjects: z.int().nonnegative().default(1),
});

const rbacRowSchema = z.strictObject({
  verb: z.string().min(1),
  resource: z.string().min(1),
  group: z.string().default(""),
  subresource: z.string().optional(),
  namespace: z.string().optional(),
  name: z.string().optional(),
  allowed: z.boolean(),
});

export const rbacCheckSchema = z
  .strictObject({
    ...common,
    type: z.literal("rbac"),
    /** A user name, or a ServiceAccount as `namespace/name`. */
    user: z.string().optional(),
    groups: z.array(z.string()).default([]),
    serviceAccount: z
      .string()
      .regex(/^[^/]+\/[^/]+$/, "must be namespace/name")
      .optional(),
    /** The `kubectl auth can-i` matrix: every row must decide as written (partial credit per row). */
    matrix: z.array(rbacRowSchema).min(1),
  })
  .refine((c) => (c.user === undefined) !== (c.serviceAccount === undefined), {
    message: "exactly one of user, serviceAccount is required",
  });

export const etcdCheckSchema = z
  .strictObject({
    ...common,
    type: z.literal("etcd"),
    /** members, runningMembers, healthyMembers: counts; hasQuorum: boolean; leader: member name. */
    members: matcherSchema.optional(),
    runningMembers: matcherSchema.optional(),
    healthyMembers: matcherSchema.optional(),
    hasQuorum: matcherSchema.optional(),
    leader: matcherSchema.optional(),
    /** A key of the store and its metadata (createRevision, modRevision, version) or value. */
    key: z
      .strictObject({
        key: z.string().min(1),
        exists: z.boolean().default(true),
        createRevision: matcherSchema.optional(),
        modRevision: matcherSchema.optional(),
        version: matcherSchema.optional(),
      })
      .optional(),
  })
  .refine(
    (c) =>
      [c.members, c.runningMembers, c.healthyMembers, c.hasQuorum, c.leader, c.key].some(
        (x) => x !== undefined,
      ),
    {
      message:
        "an etcd check needs at least one of members, runningMembers, healthyMembers, hasQuorum, leader, key",
    },
  );

export const kubeadmCheckSchema = z.strictObject({
  ...common,
  type: z.literal("kubeadm"),
  /** Fields of the ClusterConfiguration kubeadm uploaded (kube-system/kubeadm-config). */
  fields: z.array(fieldMatchSchema).min(1),
  controlPlanes: matcherSchema.optional(),
});

const traceStepSchema = z.strictObject({
  from: z.string().min(1).optional(),
  to: z.string().min(1).optional(),
  /** Substring of the step's action (e.g. "txn", "RunPodSandbox", "schedule"). */
  action: z.string().optional(),
});

const traceRequestSchema = z.strictObject({
  /** Audit verb: create, update, patch, delete, get, list, watch. */
  verb: z.string().optional(),
  /** Regex over the request path (the URI without its query string). */
  uri: z.string().min(1),
  /** HTTP status the request ended with. */
  code: z.int().optional(),
  /** Steps that must appear in this request's trace, in order. */
  steps: z.array(traceStepSchema).default([]),
});

export const traceCheckSchema = z.strictObject({
  ...common,
  type: z.literal("trace"),
  /** Requests that must all have been recorded, in this order. */
  requests: z.array(traceRequestSchema).min(1),
});

export const checkSchema = z.discriminatedUnion("type", [
  objectCheckSchema,
  countCheckSchema,
  placementCheckSchema,
  conditionCheckSchema,
  rbacCheckSchema,
  etcdCheckSchema,
  kubeadmCheckSchema,
  traceCheckSchema,
]);

export type Check = z.output<typeof checkSchema>;
export type ObjectCheck = z.output<typeof objectCheckSchema>;
export type CountCheck = z.output<typeof countCheckSchema>;
export type PlacementCheck = z.output<typeof placementCheckSchema>;
export type ConditionCheck = z.output<typeof conditionCheckSchema>;
export type RbacCheck = z.output<typeof rbacCheckSchema>;
export type EtcdCheck = z.output<typeof etcdCheckSchema>;
export type KubeadmCheck = z.output<typeof kubeadmCheckSchema>;
export type TraceCheck = z.output<typeof traceCheckSchema>;
