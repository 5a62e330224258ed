// Shared request runner for the handler's tests.

import { fixedClock } from "../../clock";
import type { SandboxState } from "../../state";
import { handleRequest } from "./handle";
import type { ApiServerPlugins } from "./plugins";
import { ADMIN, T0, testPlugins } from "./test-support";
import type { ApiRequest, ApiResponse } from "./types";

export type TestRequest = Partial<ApiRequest> & Pick<ApiRequest, "method" | "path">;

export function runner(plugins: ApiServerPlugins = testPlugins()) {
  return (state: SandboxState, req: TestRequest, at = T0) =>
    handleRequest(state, { user: ADMIN, ...req }, fixedClock(at), plugins);
}

/** The JSON body of a response (object, list or Status). */
export function bodyOf<T = Record<string, unknown>>(r: { response: ApiResponse }): T {
  return (r.response as { body?: unknown }).body as T;
}

export function pod(
  name: string,
  labels: Record<string, string> = {},
  spec: Record<string, unknown> = {},
) {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, labels },
    spec: { containers: [{ name: "app", image: "nginx:1.25" }], ...spec },
  };
}
