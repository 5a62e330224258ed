// Read-only views of a sandbox for the parts of the API that kube-apiserver serves
// without touching etcd (discovery, OpenAPI, watch fan-out): the state this
// process holds after its last request. When the process has none yet, one
// GET /version through the engine loads it (and is audited like any request).

import { cachedEntry } from "@/lib/db/sandboxes/cache";
import { sandboxRequest } from "@/lib/db/sandboxes";
import type { SandboxState, UserInfo } from "@/lib/sim";
import { RequestContext } from "@/lib/sim/apiserver/handler/context";
import { defaultPlugins } from "@/lib/sim/apiserver/handler/default-plugins";
import type { ResourceRegistry } from "@/lib/sim/apiserver/resources/registry";

export async function sandboxState(id: string, user: UserInfo): Promise<SandboxState> {
  const cached = cachedEntry(id);
  if (cached) return cached.state;
  await sandboxRequest(id, { method: "GET", path: "/version", user });
  const loaded = cachedEntry(id);
  if (!loaded) throw new Error(`sandbox ${id} could not be loaded`);
  return loaded.state;
}

const registries = new WeakMap<SandboxState, ResourceRegistry>();

/** Built-in resources plus the sandbox's CRDs, as discovery serves them. */
export function registryOf(state: SandboxState): ResourceRegistry {
  let reg = registries.get(state);
  if (!reg) {
    reg = new RequestContext(state, state.time, defaultPlugins).registry();
    registries.set(state, reg);
  }
  return reg;
}
