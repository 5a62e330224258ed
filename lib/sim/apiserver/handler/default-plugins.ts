// The production wiring of the pipeline's steps: RBAC, the admission chain,
// validation, strict field checks and selectors from their own modules.

import { runMutatingAdmission, runValidatingAdmission } from "../admission";
import { createLeavesContent } from "../admission/chain";
import { authorize, nameMatters, type RbacSnapshot } from "../authz";
import type { Attributes } from "../authz/types";
import { authorizeNode, type NodeGraphSource } from "../authz/node-authorizer";
import { findUnknownFields, validateCreate, validateUpdate } from "../validation";
import type { ApiServerPlugins, Decision, ObjectLookup } from "./plugins";
import type { UserInfo } from "./types";
import { type KvRow, type StoreState, timeShiftOrigin } from "../../store/types";
import { selectorPredicate } from "./selector-plugin";
import { containerLogs, LogsError } from "../../kubelet/logs";
import { newBadRequest } from "../errors";
import type { KubeObject } from "../object";
import { decodeRow } from "./codec";

const RBAC = "rbac.authorization.k8s.io";

type RbacLists = RbacSnapshot["roles"][];
let lastRbac: { lists: RbacLists; snapshot: RbacSnapshot } | undefined;
/** Snapshots by their first ClusterRole object: sandboxes of different templates alternate. */
const rbacByFirstRole = new WeakMap<object, { lists: RbacLists; snapshot: RbacSnapshot }>();

const sameObjects = (a: RbacLists, b: RbacLists) =>
  a.every((list, i) => list.length === b[i]!.length && list.every((o, j) => o === b[i]![j]));

/**
 * The four RBAC kinds as stored. Decoded objects are shared while their stored value is
 * unchanged, so an unchanged policy gives the same snapshot object, and the authorizer's
 * per-user rule sources (memoized on it) are not rebuilt on every request.
 */
const RBAC_KEY_PREFIXES = [
  "/registry/roles/",
  "/registry/clusterroles/",
  "/registry/rolebindings/",
  "/registry/clusterrolebindings/",
];

/**
 * Per revision log (one per sandbox copy), the length it had when its snapshot was read: rows up to
 * `length` of that (append-only) array. Keyed by the log, because a worker serves many sandboxes
 * in turn and one process-wide slot would miss on nearly every command.
 */
const rbacSeenAt = new WeakMap<readonly KvRow[], { length: number; snapshot: RbacSnapshot }>();

/**
 * Whether no RBAC object was written since the snapshot was taken: the store's log is the same
 * append-only array, grown by rows none of which is an RBAC key (a write from an older state
 * or a compaction gives a new array, and the snapshot is read again).
 */
function rbacUnchanged(store: StoreState | undefined): RbacSnapshot | undefined {
  if (!store) return;
  const seen = rbacSeenAt.get(store.log.rows);
  if (!seen || store.log.length < seen.length) return;
  for (let i = seen.length; i < store.log.length; i++) {
    const key = store.log.rows[i]!.key;
    if (RBAC_KEY_PREFIXES.some((p) => key.startsWith(p))) return;
  }
  seen.length = store.log.length;
  return seen.snapshot;
}

function rbacSnapshot(lookup: ObjectLookup): RbacSnapshot {
  const store = lookup.baseStore;
  const unchanged = rbacUnchanged(store);
  if (unchanged) return unchanged;
  const snapshot = readRbacSnapshot(lookup);
  if (store) rbacSeenAt.set(store.log.rows, { length: store.log.length, snapshot });
  return snapshot;
}

/**
 * A policy object as RBAC reads it: a row copied from a template with its times moved decodes as
 * the template's row does (RBAC reads no timestamp). A sandbox made from a template then reads
 * the same objects as every other sandbox of that template, so they share one snapshot, and
 * with it the verdicts and rule sources kept per snapshot: a new sandbox's first command no
 * longer decodes every RBAC object and evaluates each request in full.
 */
function policyObject(row: KvRow): KubeObject {
  return decodeRow(timeShiftOrigin(row) ?? row);
}

function readRbacSnapshot(lookup: ObjectLookup): RbacSnapshot {
  const lists: RbacLists = lookup.liveRows
    ? RBAC_KEY_PREFIXES.map((prefix) => lookup.liveRows!(prefix).map(policyObject))
    : [
        lookup.list(RBAC, "roles"),
        lookup.list(RBAC, "clusterroles"),
        lookup.list(RBAC, "rolebindings"),
        lookup.list(RBAC, "clusterrolebindings"),
      ];
  const first = lists[1]![0];
  const known = first ? rbacByFirstRole.get(first) : lastRbac;
  if (known && sameObjects(known.lists, lists)) return known.snapshot;
  const [roles, clusterRoles, roleBindings, clusterRoleBindings] = lists as [
    RbacSnapshot["roles"],
    RbacSnapshot["roles"],
    RbacSnapshot["roles"],
    RbacSnapshot["roles"],
  ];
  const snapshot: RbacSnapshot = { roles, clusterRoles, roleBindings, clusterRoleBindings };
  if (first) rbacByFirstRole.set(first, { lists, snapshot });
  else lastRbac = { lists, snapshot };
  return snapshot;
}

/**
 * RBAC's verdict depends only on the policy snapshot and the request's attributes, and the
 * components repeat the same few requests (every pod a ReplicaSet creates, every Event a kubelet
 * records): verdicts are kept per snapshot, which an RBAC write replaces. Shared, read-only.
 * The object's name is left out of the key unless a rule of the user's that lists resourceNames
 * could match the request (authz nameMatters): the scheduler binds every pod under a new name,
 * and each used to be a miss evaluated in full.
 */
const verdicts = new WeakMap<RbacSnapshot, Map<string, Decision | typeof BY_NAME>>();
const VERDICTS_LIMIT = 4_096;
/** Kept under a name-less key: the verdict is per name (kept under the key plus the name). */
const BY_NAME = Symbol("by-name");

function rbacVerdict(attrs: Attributes, snapshot: RbacSnapshot): Decision {
  let known = verdicts.get(snapshot);
  if (!known) {
    known = new Map();
    verdicts.set(snapshot, known);
  }
  const unnamed = verdictKey(attrs);
  let entry = known.get(unnamed);
  if (entry === undefined) {
    entry = nameMatters(attrs, snapshot) ? BY_NAME : authorize(attrs, snapshot);
    if (known.size >= VERDICTS_LIMIT) known.clear();
    known.set(unnamed, entry);
  }
  if (entry !== BY_NAME) return entry;
  const named = unnamed + part(attrs.name);
  let verdict = known.get(named) as Decision | undefined;
  if (!verdict) {
    verdict = authorize(attrs, snapshot);
    if (known.size >= VERDICTS_LIMIT) known.clear();
    known.set(named, verdict);
  }
  return verdict;
}

// Length-prefixed parts: any character may appear in a name without two requests colliding.
const part = (s: string | undefined) => (s === undefined ? "-" : `${s.length}:${s}`);

/** The user's part of a verdict key, per (shared, read-only) authz user object. */
const userKeys = new WeakMap<Attributes["user"], string>();

function userKey(user: Attributes["user"]): string {
  let key = userKeys.get(user);
  if (key === undefined) {
    key = part(user.name) + part(user.uid) + user.groups.length;
    for (const g of user.groups) key += part(g);
    userKeys.set(user, key);
  }
  return key;
}

/** Every attribute RBAC reads except the object's name. */
function verdictKey(a: Attributes): string {
  return (
    userKey(a.user) +
    part(a.verb) +
    part(a.path) +
    part(a.apiGroup) +
    part(a.resource) +
    part(a.subresource) +
    part(a.namespace)
  );
}

/** The Node authorizer's graph read through the request's lookup (no closures per request). */
class LookupNodeGraph implements NodeGraphSource {
  constructor(private readonly lookup: ObjectLookup) {}

  podsOnNode(node: string): readonly KubeObject[] {
    return this.lookup
      .list("", "pods")
      .filter((p) => (p.spec as { nodeName?: string })?.nodeName === node);
  }

  pvc(namespace: string, name: string): KubeObject | undefined {
    return this.lookup.get("", "persistentvolumeclaims", namespace, name);
  }
}

// The authorizers' view of an authenticated user, per UserInfo object: a settle's requests come
// from a few component identities (authenticate keeps one object per identity), so the object -
// and the verdict key's user part made from it - is built once, not on each request. Read-only.
const authzUsers = new WeakMap<UserInfo, Attributes["user"]>();

function authzUser(u: UserInfo): Attributes["user"] {
  let user = authzUsers.get(u);
  if (user === undefined) {
    user = { name: u.username, groups: u.groups, ...(u.uid ? { uid: u.uid } : {}) };
    authzUsers.set(u, user);
  }
  return user;
}

export const defaultPlugins: ApiServerPlugins = {
  authorize: (a, lookup) => {
    const user = authzUser(a.user);
    // system:masters short-circuits before RBAC is read at all.
    if (user.groups.includes("system:masters")) return { allowed: true, reason: "" };
    const attrs = a.resourceRequest
      ? {
          user,
          verb: a.verb,
          apiGroup: a.apiGroup,
          resource: a.resource,
          subresource: a.subresource,
          namespace: a.namespace,
          name: a.name,
        }
      : { user, verb: a.verb, path: a.path ?? "/" };
    // --authorization-mode=Node,RBAC: the first authorizer to allow wins; the reasons of those
    // without an opinion are joined, as the union authorizer does.
    const node = authorizeNode(attrs, new LookupNodeGraph(lookup));
    if (node?.decision === "allow") return { allowed: true, reason: "" };
    const rbac = rbacVerdict(attrs, rbacSnapshot(lookup));
    if (rbac.allowed || !node?.reason) return rbac;
    return { allowed: false, reason: [node.reason, rbac.reason].filter(Boolean).join("\n") };
  },
  mutate: (req) => runMutatingAdmission(req),
  createLeavesContent,
  validateCreate,
  validateUpdate,
  unknownFields: (obj, info) => findUnknownFields(obj, info),
  admit: (req) => runValidatingAdmission(req),
  selector: selectorPredicate,
  podLog: (pod, container, query, now) => {
    const sinceTimeOf = (v: string | null) => {
      const t = v === null ? NaN : Date.parse(v);
      return Number.isNaN(t) ? undefined : t;
    };
    const int = (k: string) => {
      const v = query.get(k);
      return v !== null && /^-?\d+$/.test(v) ? Number(v) : undefined;
    };
    try {
      return containerLogs(pod, {
        container,
        previous: query.get("previous") === "true",
        now,
        tailLines: int("tailLines"),
        sinceSeconds: int("sinceSeconds"),
        sinceTime: sinceTimeOf(query.get("sinceTime")),
        limitBytes: int("limitBytes"),
        timestamps: query.get("timestamps") === "true",
      });
    } catch (e) {
      // The kubelet's answer reaches the client as the apiserver's 400.
      if (e instanceof LogsError) throw newBadRequest(e.message);
      throw e;
    }
  },
};
