// kubectl create's flag tables (kubectl 1.28): the flags each generator registers,
// the generators' names for `help`, and the aliases they answer to. create.ts
// dispatches with them; the generators' own flag lists live beside each generator.

import type { FlagSpec } from "./flags";
import { MORE_FLAGS } from "./create-more";
import { SECRET_TYPES } from "./create-secret";
import { SERVICE_TYPES } from "./create-service";
import { INGRESS_FLAGS } from "./create-ingress";
import { CRONJOB_FLAGS, PRIORITYCLASS_FLAGS } from "./create-cronjob";
import { TOKEN_FLAGS } from "./create-token";

/** The flags every generator registers (print, dry-run, validate, apply-annotation, manager). */
export const BASE_FLAGS: FlagSpec[] = [
  { name: "dry-run", type: "string" },
  { name: "output", short: "o", type: "string" },
  { name: "save-config", type: "bool" },
  { name: "validate", type: "string" },
  { name: "field-manager", type: "string" },
];

const COMMON_FLAGS: FlagSpec[] = [
  ...BASE_FLAGS,
  { name: "filename", short: "f", type: "array" },
  { name: "recursive", short: "R", type: "bool" },
  { name: "image", type: "array" },
  { name: "replicas", short: "r", type: "int" },
  { name: "port", type: "int" },
  { name: "from-literal", type: "array" },
  { name: "tcp", type: "array" },
];

/** Every generator flag by name; OWN_FLAGS says which generator registers which. */
const GENERATOR_FLAGS: FlagSpec[] = [
  ...COMMON_FLAGS,
  ...MORE_FLAGS,
  ...INGRESS_FLAGS,
  ...CRONJOB_FLAGS,
  ...PRIORITYCLASS_FLAGS,
  ...TOKEN_FLAGS,
  { name: "from-file", type: "array" },
  { name: "from-env-file", type: "array" },
  { name: "append-hash", type: "bool" },
];

const FLAG_BY_NAME = new Map(GENERATOR_FLAGS.map((f) => [f.name, f]));

/** The flags each generator registers besides BASE_FLAGS (kubectl 1.28): others are unknown. */
export const OWN_FLAGS: Record<string, string[]> = {
  namespace: [],
  serviceaccount: [],
  deployment: ["image", "replicas", "port"],
  configmap: ["from-literal", "from-file", "from-env-file", "append-hash"],
  job: ["image", "from"],
  cronjob: ["image", "schedule", "restart"],
  role: ["verb", "resource", "resource-name"],
  clusterrole: ["verb", "resource", "resource-name", "non-resource-url", "aggregation-rule"],
  rolebinding: ["role", "clusterrole", "user", "group", "serviceaccount"],
  clusterrolebinding: ["clusterrole", "user", "group", "serviceaccount"],
  quota: ["hard", "scopes"],
  poddisruptionbudget: ["selector", "min-available", "max-unavailable"],
  priorityclass: ["value", "global-default", "description", "preemption-policy"],
  ingress: ["rule", "class", "default-backend", "annotation"],
};

/** `kubectl create` alone (-f manifests). */
const FILE_FLAGS: FlagSpec[] = [
  ...BASE_FLAGS,
  { name: "filename", short: "f", type: "array" },
  { name: "recursive", short: "R", type: "bool" },
];

/** `kubectl create token`: print flags only (no dry run, no --save-config). */
const TOKEN_COMMAND_FLAGS: FlagSpec[] = [
  { name: "output", short: "o", type: "string" },
  ...TOKEN_FLAGS,
];

export function flagsOf(sub: string): FlagSpec[] {
  if (!sub) return FILE_FLAGS;
  if (sub === "token") return TOKEN_COMMAND_FLAGS;
  const own = OWN_FLAGS[sub];
  if (!own) return FILE_FLAGS;
  return [...BASE_FLAGS, ...own.map((n) => FLAG_BY_NAME.get(n)!)];
}

/** `kubectl create`'s generators (kubectl 1.28's full list), for `help`. */
export const CREATE_SUBCOMMANDS = [
  "clusterrole",
  "clusterrolebinding",
  "configmap",
  "cronjob",
  "deployment",
  "ingress",
  "job",
  "namespace",
  "poddisruptionbudget",
  "priorityclass",
  "quota",
  "role",
  "rolebinding",
  `secret ${SECRET_TYPES.join("/")}`,
  `service ${Object.keys(SERVICE_TYPES).join("/")}`,
  "serviceaccount",
  "token",
] as const;

/** Aliases kubectl's create subcommands answer to. */
export const CREATE_ALIASES: Record<string, string> = {
  ns: "namespace",
  deploy: "deployment",
  cm: "configmap",
  sa: "serviceaccount",
  resourcequota: "quota",
  pdb: "poddisruptionbudget",
  pc: "priorityclass",
  ing: "ingress",
  cj: "cronjob",
  svc: "service",
};
