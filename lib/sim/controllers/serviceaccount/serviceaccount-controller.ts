// The ServiceAccount controller: every active namespace has a "default"
// ServiceAccount; a deleted one comes back.

import type { ControlLoop } from "../../engine";
import { getObject, listObjects, watchPrefix } from "../shared/cache";
import type { ActiveCheck, ControllerContext } from "../shared/controller";
import { controllerLoop } from "../shared/controller";

function sync(ctx: ControllerContext, ns: string): void {
  const namespace = getObject(ctx.state(), "", "namespaces", undefined, ns);
  if (!namespace || namespace.metadata.deletionTimestamp) return;
  if (getObject(ctx.state(), "", "serviceaccounts", ns, "default")) return;
  ctx.client.create("", "serviceaccounts", {
    apiVersion: "v1",
    kind: "ServiceAccount",
    metadata: { name: "default", namespace: ns },
  });
}

export function serviceAccountController(active?: ActiveCheck): ControlLoop {
  return controllerLoop(
    {
      name: "serviceaccount-controller",
      serviceAccount: "service-account-controller",
      watches: [watchPrefix("", "namespaces"), watchPrefix("", "serviceaccounts")],
      keys: (ctx) => listObjects(ctx.state(), "", "namespaces").map((n) => n.metadata.name ?? ""),
      reconcile: sync,
    },
    active,
  );
}
