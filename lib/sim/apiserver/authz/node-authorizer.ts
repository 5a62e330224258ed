// The Node authorizer (plugin/pkg/auth/authorizer/node, kube-apiserver --authorization-mode=
// Node,RBAC as kubeadm sets it): a kubelet, user system:node:<name> in group system:nodes, may
// read a secret, configmap, PVC or PV only when a pod bound to its node references it, request
// a token only for a service account such a pod runs as, and touch only its own Lease in
// kube-node-lease; everything else is checked against the static NodeRules(). Kubelets have
// no RBAC binding: without this authorizer they could do nothing.
import type { KubeObject } from "../object";
import { NODE_RULES } from "../bootstrap/component-roles";
import { ruleAllows } from "./rule-matching";
import type { Attributes } from "./types";

export interface NodeDecision {
  /** "allow" or "no-opinion" (the request then goes on to RBAC). */
  decision: "allow" | "no-opinion";
  reason: string;
}

/** What the authorizer's graph is built from: pods bound to the node, and PVCs by name. */
export interface NodeGraphSource {
  podsOnNode(node: string): readonly KubeObject[];
  pvc(namespace: string, name: string): KubeObject | undefined;
}

const NODES_GROUP = "system:nodes";
const NODE_PREFIX = "system:node:";
const NODE_LEASE_NAMESPACE = "kube-node-lease";

/** NodeIdentity: the node name, "" for a node user without one, undefined for anyone else. */
export function nodeIdentity(user: Attributes["user"]): string | undefined {
  if (!user.groups.includes(NODES_GROUP) || !user.name.startsWith(NODE_PREFIX)) return undefined;
  return user.name.slice(NODE_PREFIX.length);
}

type Obj = Record<string, unknown>;
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);
const obj = (v: unknown): Obj => (v && typeof v === "object" ? (v as Obj) : {});

/** The names of secrets, configmaps, PVCs and the service account one pod refers to. */
function references(pod: KubeObject): Record<"secrets" | "configmaps" | "pvcs" | "sa", string[]> {
  const spec = obj(pod.spec);
  const out = { secrets: [] as string[], configmaps: [] as string[], pvcs: [] as string[] };
  for (const s of arr(spec.imagePullSecrets)) out.secrets.push(String(s.name ?? ""));
  const containers = [
    ...arr(spec.containers),
    ...arr(spec.initContainers),
    ...arr(spec.ephemeralContainers),
  ];
  for (const c of containers) {
    for (const e of arr(c.envFrom)) {
      if (e.secretRef) out.secrets.push(String(obj(e.secretRef).name ?? ""));
      if (e.configMapRef) out.configmaps.push(String(obj(e.configMapRef).name ?? ""));
    }
    for (const e of arr(c.env)) {
      const from = obj(e.valueFrom);
      if (from.secretKeyRef) out.secrets.push(String(obj(from.secretKeyRef).name ?? ""));
      if (from.configMapKeyRef) out.configmaps.push(String(obj(from.configMapKeyRef).name ?? ""));
    }
  }
  for (const v of arr(spec.volumes)) {
    if (v.secret) out.secrets.push(String(obj(v.secret).secretName ?? ""));
    if (v.configMap) out.configmaps.push(String(obj(v.configMap).name ?? ""));
    if (v.persistentVolumeClaim)
      out.pvcs.push(String(obj(v.persistentVolumeClaim).claimName ?? ""));
    if (v.ephemeral) out.pvcs.push(`${pod.metadata.name}-${String(v.name ?? "")}`);
    for (const source of arr(obj(v.projected).sources)) {
      if (source.secret) out.secrets.push(String(obj(source.secret).name ?? ""));
      if (source.configMap) out.configmaps.push(String(obj(source.configMap).name ?? ""));
    }
  }
  return { ...out, sa: [String(spec.serviceAccountName ?? "default")] };
}

function hasPath(
  graph: NodeGraphSource,
  node: string,
  kind:
    "secrets" | "configmaps" | "persistentvolumeclaims" | "persistentvolumes" | "serviceaccounts",
  namespace: string,
  name: string,
): boolean {
  for (const pod of graph.podsOnNode(node)) {
    const podNs = pod.metadata.namespace ?? "";
    if (kind !== "persistentvolumes" && podNs !== namespace) continue;
    const refs = references(pod);
    switch (kind) {
      case "secrets":
        if (refs.secrets.includes(name)) return true;
        break;
      case "configmaps":
        if (refs.configmaps.includes(name)) return true;
        break;
      case "persistentvolumeclaims":
        if (refs.pvcs.includes(name)) return true;
        break;
      case "serviceaccounts":
        if (refs.sa.includes(name)) return true;
        break;
      case "persistentvolumes":
        for (const claim of refs.pvcs) {
          const pvc = graph.pvc(podNs, claim);
          if (pvc && obj(pvc.spec).volumeName === name) return true;
        }
        break;
    }
  }
  return false;
}

const noOpinion = (reason: string): NodeDecision => ({ decision: "no-opinion", reason });
const ALLOW: NodeDecision = { decision: "allow", reason: "" };

/** NodeAuthorizer.Authorize; undefined when the user is not a node (the authorizer has no say). */
export function authorizeNode(attrs: Attributes, graph: NodeGraphSource): NodeDecision | undefined {
  const node = nodeIdentity(attrs.user);
  if (node === undefined) return undefined;
  if (node === "") return noOpinion(`unknown node for user "${attrs.user.name}"`);
  if (attrs.path === undefined && attrs.apiGroup === "") {
    switch (attrs.resource) {
      case "secrets":
      case "configmaps":
        if (!["get", "list", "watch"].includes(attrs.verb))
          return noOpinion("can only read resources of this type");
        if (attrs.subresource) return noOpinion("cannot read subresource");
        if (!attrs.namespace) return noOpinion("can only read namespaced object of this type");
        return related(attrs, graph, node, attrs.resource);
      case "persistentvolumeclaims":
        if (attrs.subresource === "status") {
          if (!["get", "update", "patch"].includes(attrs.verb))
            return noOpinion("can only get/update/patch this type");
          return related(attrs, graph, node, "persistentvolumeclaims");
        }
        return getOnly(attrs) ?? related(attrs, graph, node, "persistentvolumeclaims");
      case "persistentvolumes":
        return getOnly(attrs) ?? related(attrs, graph, node, "persistentvolumes", "");
      case "serviceaccounts":
        if (attrs.verb !== "create" || attrs.subresource !== "token")
          return noOpinion("can only create tokens for individual service accounts");
        return related(attrs, graph, node, "serviceaccounts");
    }
  }
  if (attrs.path === undefined && attrs.apiGroup === "coordination.k8s.io") {
    if (attrs.resource === "leases") return authorizeLease(attrs, node);
  }
  // (a loop rather than .some: no closure per request)
  for (const rule of NODE_RULES) if (ruleAllows(attrs, rule)) return ALLOW;
  return noOpinion("");
}

/** Whether the object the request names is related to the node through one of its pods. */
function related(
  attrs: Attributes,
  graph: NodeGraphSource,
  node: string,
  kind: Parameters<typeof hasPath>[2],
  namespace = attrs.namespace ?? "",
): NodeDecision {
  if (!attrs.name) return noOpinion("No Object name found");
  return hasPath(graph, node, kind, namespace, attrs.name)
    ? ALLOW
    : noOpinion(`no relationship found between node '${node}' and this object`);
}

function getOnly(attrs: Attributes): NodeDecision | undefined {
  if (attrs.verb !== "get") return noOpinion("can only get individual resources of this type");
  if (attrs.subresource) return noOpinion("cannot get subresource");
  return undefined;
}

function authorizeLease(attrs: Attributes, node: string): NodeDecision {
  if (!["get", "create", "update", "patch", "delete"].includes(attrs.verb))
    return noOpinion("can only get, create, update, patch, or delete a node lease");
  if (attrs.namespace !== NODE_LEASE_NAMESPACE)
    return noOpinion(`can only access leases in the "${NODE_LEASE_NAMESPACE}" system namespace`);
  // On create the name is in the body; NodeRestriction admission checks it there.
  if (attrs.verb !== "create" && attrs.name !== node)
    return noOpinion("can only access node lease with the same name as the requesting node");
  return ALLOW;
}
