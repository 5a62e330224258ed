// kubectl create service clusterip|nodeport|loadbalancer|externalname: one generator
// (ServiceOptions in k8s.io/kubectl/pkg/cmd/create/create_service.go) with each type's
// own flags, Validate texts and "failed to create <Type> service: " wrapper.

import type { KubeObject } from "../../apiserver/object";
import { CliError } from "../errors";
import { flagArray, flagString, type FlagSpec, type ParsedArgs } from "./flags";

export const SERVICE_TYPES = {
  clusterip: "ClusterIP",
  nodeport: "NodePort",
  loadbalancer: "LoadBalancer",
  externalname: "ExternalName",
} as const;

export type ServiceSubcommand = keyof typeof SERVICE_TYPES;

export const SERVICE_FLAGS: FlagSpec[] = [
  { name: "clusterip", type: "string" },
  { name: "node-port", type: "int" },
  { name: "external-name", type: "string" },
];

/** Which of SERVICE_FLAGS each subcommand registers (the others are unknown flags). */
export const SERVICE_SUB_FLAGS: Record<ServiceSubcommand, string[]> = {
  clusterip: ["clusterip"],
  nodeport: ["node-port"],
  loadbalancer: [],
  externalname: ["external-name"],
};

/** validation.IsValidPortName's messages in its order, joined with "," as parsePorts does. */
function portNameErrors(name: string): string[] {
  const errs: string[] = [];
  if (name.length > 15) errs.push("must be no more than 15 characters");
  if (!/^[-a-z0-9]+$/.test(name))
    errs.push("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
  if (!/[a-z]/.test(name)) errs.push("must contain at least one letter (a-z)");
  if (name.includes("--")) errs.push("must not contain consecutive hyphens");
  if (name.startsWith("-") || name.endsWith("-")) errs.push("must not begin or end with a hyphen");
  return errs;
}

/** utilsnet.ParsePort(s, true): strconv.ParseUint(s, 10, 16). */
function parsePort(text: string): number {
  if (!/^[0-9]+$/.test(text))
    throw new CliError(`error: strconv.ParseUint: parsing "${text}": invalid syntax`);
  const n = Number(text);
  if (n > 65535)
    throw new CliError(`error: strconv.ParseUint: parsing "${text}": value out of range`);
  return n;
}

/** strconv.Atoi accepts an optional sign. */
const ATOI = /^[+-]?[0-9]+$/;

function servicePort(spec: string, nodePort: number) {
  const parts = spec.split(":");
  const port = parsePort(parts[0]!);
  let targetPort: number | string = port;
  if (parts.length > 1) {
    const t = parts[1]!;
    if (ATOI.test(t)) {
      const n = Number(t);
      if (n < 1 || n > 65535) throw new CliError("error: must be between 1 and 65535, inclusive");
      targetPort = n;
    } else {
      const errs = portNameErrors(t);
      if (errs.length) throw new CliError(`error: ${errs.join(",")}`);
      targetPort = t;
    }
  }
  return {
    name: spec.replaceAll(":", "-"),
    ...(nodePort ? { nodePort } : {}),
    port,
    protocol: "TCP",
    targetPort,
  };
}

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** The Service `kubectl create service <sub> NAME` posts, after kubectl's own checks. */
export function generateService(
  sub: ServiceSubcommand,
  name: string,
  p: ParsedArgs,
  ns: string,
): KubeObject {
  const type = SERVICE_TYPES[sub];
  const tcp = flagArray(p, "tcp");
  const clusterIP = flagString(p, "clusterip") ?? "";
  const externalName = flagString(p, "external-name") ?? "";
  if (sub === "externalname" && !p.flags.has("external-name"))
    throw new CliError('error: required flag(s) "external-name" not set');
  if (clusterIP === "None" && type !== "ClusterIP")
    throw new CliError("error: ClusterIP=None can only be used with ClusterIP service type");
  if (clusterIP !== "None" && tcp.length === 0 && type !== "ExternalName")
    throw new CliError("error: at least one tcp port specifier must be provided");
  if (
    type === "ExternalName" &&
    (externalName.length > 253 || !DNS1123_SUBDOMAIN.test(externalName))
  )
    throw new CliError(`error: invalid service external name ${externalName}`);
  const nodePort = Number(flagString(p, "node-port") ?? 0);
  const ports = tcp.map((t) => servicePort(t, nodePort));
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name, namespace: ns, labels: { app: name } },
    spec: {
      ...(clusterIP ? { clusterIP } : {}),
      ...(externalName ? { externalName } : {}),
      ...(ports.length ? { ports } : {}),
      selector: { app: name },
      type,
    },
  } as unknown as KubeObject;
}
