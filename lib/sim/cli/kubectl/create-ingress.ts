// kubectl create ingress (create_ingress.go): --rule host/path=svc:port[,tls[=secret]]
// checked with kubectl's rule pattern, rules merged per host, TLS entries per secret,
// a path ending in * is a Prefix path, any other path Exact.

import type { KubeObject } from "../../apiserver/object";
import { CliError } from "../errors";
import { flagString, type FlagSpec, type ParsedArgs } from "./flags";

export const INGRESS_FLAGS: FlagSpec[] = [
  { name: "rule", type: "stringArray" },
  { name: "class", type: "string" },
  { name: "default-backend", type: "string" },
  { name: "annotation", type: "stringArray" },
];

// Go's \w is ASCII [0-9A-Za-z_], as JavaScript's is.
const RULE =
  /^(?<host>[\w*\-.]*)(?<path>\/[^,=\n]*)=(?<svcname>[\w-]+):(?<svcport>[\w-]+)(,(?<istls>tls)=?(?<secretname>[\w-]+)?)?$/;

/** --rule and --annotation are StringArray flags: every occurrence, commas kept. */
function allValues(p: ParsedArgs, name: string): string[] {
  return p.flags.get(name) ?? [];
}

/** intstr.Parse: a number is a port number, anything else a port name. */
function backend(service: string) {
  const [name, port = ""] = service.split(":");
  const isNumber = /^-?[0-9]+$/.test(port) && Math.abs(Number(port)) < 2 ** 31;
  return { service: { name, port: isNumber ? { number: Number(port) } : { name: port } } };
}

function httpPath(pathAndService: string) {
  const [rawPath, service = ""] = pathAndService.split("=");
  let path = `/${rawPath}`;
  let pathType = "Exact";
  if (path.endsWith("*")) {
    pathType = "Prefix";
    path = path.slice(0, -1);
  }
  return { backend: backend(service), path, pathType };
}

interface Rule {
  host?: string;
  http: { paths: ReturnType<typeof httpPath>[] };
}
interface Tls {
  hosts?: string[];
  secretName?: string;
}

function tlsEntries(rules: string[]): Tls[] {
  const seenHosts = new Set<string>();
  const out: Tls[] = [];
  for (const rule of rules) {
    const parts = rule.split(",");
    if (parts.length !== 2) continue;
    const host = rule.split("/")[0]!;
    const secret = parts[1]!.split("=")[1] ?? "";
    if (seenHosts.has(host)) continue;
    seenHosts.add(host);
    const same = out.find((t) => (t.secretName ?? "") === secret);
    if (same) {
      same.hosts = [...(same.hosts ?? []), host];
      continue;
    }
    const entry: Tls = {
      ...(host ? { hosts: [host] } : {}),
      ...(secret ? { secretName: secret } : {}),
    };
    if (entry.hosts || entry.secretName) out.push(entry);
  }
  return out;
}

function ingressRules(rules: string[]): Rule[] {
  const out: Rule[] = [];
  for (const rule of rules) {
    const withoutTls = rule.split(",")[0]!;
    const slash = withoutTls.indexOf("/");
    const host = withoutTls.slice(0, slash);
    const path = httpPath(withoutTls.slice(slash + 1));
    const same = out.find((r) => (r.host ?? "") === host);
    if (same) same.http.paths.push(path);
    else out.push({ ...(host ? { host } : {}), http: { paths: [path] } });
  }
  return out;
}

/** The Ingress `kubectl create ingress NAME` posts, after kubectl's Validate. */
export function generateIngress(name: string, p: ParsedArgs, ns: string): KubeObject {
  const rules = allValues(p, "rule");
  const annotations = allValues(p, "annotation");
  const defaultBackend = flagString(p, "default-backend") ?? "";
  const ingressClass = flagString(p, "class") ?? "";
  if (!defaultBackend && rules.length === 0)
    throw new CliError(
      "error: not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)",
    );
  for (const rule of rules)
    if (!RULE.test(rule))
      throw new CliError(
        `error: rule ${rule} is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]`,
      );
  const annotationMap: Record<string, string> = {};
  for (const a of annotations) {
    const i = a.indexOf("=");
    if (i < 0)
      throw new CliError(`error: annotation ${a} is invalid and should be in format key=[value]`);
    annotationMap[a.slice(0, i)] = a.slice(i + 1);
  }
  if (defaultBackend && defaultBackend.split(":").length !== 2)
    throw new CliError("error: default-backend should be in format servicename:serviceport");
  const tls = tlsEntries(rules);
  const built = ingressRules(rules);
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "Ingress",
    metadata: {
      name,
      namespace: ns,
      ...(annotations.length ? { annotations: annotationMap } : {}),
    },
    spec: {
      ...(defaultBackend ? { defaultBackend: backend(defaultBackend) } : {}),
      ...(ingressClass ? { ingressClassName: ingressClass } : {}),
      ...(built.length ? { rules: built } : {}),
      ...(tls.length ? { tls } : {}),
    },
  } as unknown as KubeObject;
}
