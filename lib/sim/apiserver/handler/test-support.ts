// Test helpers for handler tests: real validation and selectors, plus a minimal
// authorizer (system:masters may do anything, others only what `grants` lists)
// so handler tests do not depend on RBAC's own rules, which have their own tests.

import { Rng } from "../../random";
import { DEFAULT_LIMITS, type SandboxState } from "../../state";
import { emptyStore } from "../../store/store";
import { createCluster } from "../../etcd/cluster";
import { findUnknownFields, validateCreate, validateUpdate } from "../validation";
import type { ApiServerPlugins } from "./plugins";
import { selectorPredicate } from "./selector-plugin";

export function testPlugins(
  grants: string[] = [],
  overrides: Partial<ApiServerPlugins> = {},
): ApiServerPlugins {
  return {
    authorize: (a) => {
      if (a.user.groups.includes("system:masters")) return { allowed: true, reason: "" };
      const key = `${a.user.username}:${a.verb}:${a.resource}:${a.namespace}`;
      return grants.includes(key)
        ? { allowed: true, reason: "test grant" }
        : { allowed: false, reason: "" };
    },
    mutate: (req) => req.object,
    validateCreate,
    validateUpdate,
    unknownFields: (obj, info) => findUnknownFields(obj, info),
    admit: () => ({ sideWrites: [] }),
    selector: selectorPredicate,
    ...overrides,
  };
}

export const ADMIN = { username: "kubernetes-admin", groups: ["system:masters"] };
export const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

export function bareState(seed = "test", members = 1): SandboxState {
  const rng = Rng.fromSeed(seed);
  const etcd = createCluster(
    Array.from({ length: members }, (_, i) => ({
      name: `cp-${i + 1}`,
      address: `192.168.56.${10 + i}`,
    })),
    rng,
  );
  return {
    formatVersion: 1,
    seed,
    rng: rng.state(),
    time: T0,
    store: emptyStore(),
    etcd,
    tokens: { "admin-token": ADMIN },
    limits: DEFAULT_LIMITS,
    journal: { audit: [], traces: [] },
  };
}
