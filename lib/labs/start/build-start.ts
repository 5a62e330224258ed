// A lab's starting cluster as a value: the kubeadm cluster of the lab's size, the
// start objects created through the API (as kubernetes-admin), then the faults
// (etcd member stopped, machine off, taints, time passed). Pure: same lab, seed
// and time give the same sandbox, byte for byte.
import { LabCluster, type SandboxState } from "@/lib/sim";
import type { KubeObject } from "@/lib/sim/apiserver/object";
import { builtinRegistry } from "@/lib/sim/apiserver/resources/registry";
import { HA_STACKED_CONFIG } from "@/lib/sim/kubeadm/fixtures";
import { loadInitConfiguration } from "@/lib/sim/kubeadm/load-config";
import { StoreWriter } from "@/lib/sim/store/writer";
import { logRows, type KvRow } from "@/lib/sim/store/types";
import type { PodsTemplate } from "@/lib/db/sandboxes/shared-parts";
import type { LabDefinition, LabFault } from "../schema/lab-schema";

export class LabStartError extends Error {
  override readonly name = "LabStartError";
}

export interface LabStart {
  state: SandboxState;
  /** Every retained store row, to persist the sandbox. */
  rows: readonly KvRow[];
  /**
   * A copy of a template: the template's static pod manifests and the copy's shift, so
   * the manifests are stored once for all copies (lib/db/sandboxes/shared-parts.ts).
   */
  podsTemplate?: PodsTemplate;
}

/** The API path that creates an object of this apiVersion/kind. */
export function collectionPath(obj: Record<string, unknown>): string {
  const apiVersion = String(obj.apiVersion ?? "");
  const kind = String(obj.kind ?? "");
  const info = builtinRegistry.byApiVersionKind(apiVersion, kind);
  if (!info) throw new LabStartError(`start object of unknown kind ${apiVersion}/${kind}`);
  const base = info.group ? `/apis/${info.group}/${info.version}` : `/api/${info.version}`;
  const meta = (obj.metadata ?? {}) as { namespace?: string };
  return info.namespaced
    ? `${base}/namespaces/${meta.namespace ?? "default"}/${info.resource}`
    : `${base}/${info.resource}`;
}

/** The HA configuration as `kubeadm init` on master1 (192.168.56.10) would load it. */
function haStackedConfig() {
  return loadInitConfiguration(HA_STACKED_CONFIG, {
    host: {
      hostname: "master1",
      ip: "192.168.56.10",
      generateToken: () => "abcdef.0123456789abcdef",
    },
  }).config;
}

function injectFault(lab: LabCluster, fault: LabFault): void {
  if ("stopEtcdMember" in fault) lab.etcd("stop", fault.stopEtcdMember);
  else if ("powerOff" in fault) lab.setMachine(fault.powerOff, false);
  else if ("fastForwardSeconds" in fault) lab.advance(fault.fastForwardSeconds * 1000);
  else if ("cordon" in fault) {
    expectOk(
      lab.request(
        "PATCH",
        `/api/v1/nodes/${fault.cordon}`,
        { spec: { unschedulable: true } },
        "application/merge-patch+json",
      ),
      `cordon ${fault.cordon}`,
    );
  } else {
    const { node, key, value, effect } = fault.taint;
    const current = lab.get("", "nodes", undefined, node);
    if (!current) throw new LabStartError(`taint: node ${node} not found`);
    const taints = [
      ...(((current.spec as { taints?: unknown[] } | undefined)?.taints ?? []) as unknown[]),
      { key, ...(value !== undefined ? { value } : {}), effect },
    ];
    expectOk(
      lab.request(
        "PATCH",
        `/api/v1/nodes/${node}`,
        { spec: { taints } },
        "application/merge-patch+json",
      ),
      `taint ${node}`,
    );
  }
}

function expectOk(res: { code: number }, what: string): void {
  if (res.code >= 300)
    throw new LabStartError(`${what}: ${res.code} ${JSON.stringify(res).slice(0, 300)}`);
}

export function buildLabStart(
  lab: Pick<LabDefinition, "start">,
  seed: string,
  now: number,
): LabStart {
  const cluster = new LabCluster({
    seed,
    now,
    controlPlanes: lab.start.controlPlanes,
    workers: lab.start.workers,
    ...(lab.start.kubeadmConfig === "ha-stacked" ? { config: haStackedConfig() } : {}),
  });
  for (const obj of lab.start.objects) {
    const meta = (obj.metadata ?? {}) as { name?: string };
    expectOk(
      cluster.request("POST", collectionPath(obj), obj as unknown as KubeObject),
      `create ${String(obj.kind)} ${meta.name ?? ""}`,
    );
  }
  for (const f of lab.start.faults) injectFault(cluster, f);
  // Start compacted and with an empty journal: the setup's own requests are not the
  // learner's history (a trace check must not pass on what the lab did for them).
  let store = cluster.state.store;
  if (store.revision > store.compactRevision) {
    const writer = new StoreWriter(store, cluster.state.time);
    writer.compact(store.revision);
    store = writer.commit().state;
  }
  const state: SandboxState = { ...cluster.state, store, journal: { audit: [], traces: [] } };
  return { state, rows: logRows(store.log) };
}
