// The 404 kube-apiserver answers for a path it does not serve. Also what a token of
// another sandbox gets: it learns nothing, not even that this sandbox exists.

import { NOT_FOUND_RESOURCE_MESSAGE } from "@/lib/sim/apiserver/resources/registry";
import { statusResponse } from "./responses";

export function notFound(): Response {
  return statusResponse({
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Failure",
    message: NOT_FOUND_RESOURCE_MESSAGE,
    reason: "NotFound",
    details: {},
    code: 404,
  });
}
