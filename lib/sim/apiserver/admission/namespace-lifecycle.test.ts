import { describe, expect, it } from "vitest";
import { ApiError } from "../errors";
import { admitNamespaceLifecycle } from "./namespace-lifecycle";

const pods = { group: "", resource: "pods", namespaced: true };
const namespaces = { group: "", resource: "namespaces", namespaced: false };
const ns = (name: string, terminating = false) => ({
  apiVersion: "v1",
  kind: "Namespace",
  metadata: { name },
  status: { phase: terminating ? "Terminating" : "Active" },
});

function statusOf(fn: () => void) {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e.status;
    throw e;
  }
  return undefined;
}

describe("NamespaceLifecycle", () => {
  it("creating in a missing namespace is NotFound", () => {
    expect(
      statusOf(() =>
        admitNamespaceLifecycle(
          { operation: "CREATE", info: pods, namespace: "ghost", name: "p" },
          undefined,
        ),
      ),
    ).toMatchObject({
      code: 404,
      message: 'namespaces "ghost" not found',
    });
  });

  it("creating in a terminating namespace is Forbidden with the NamespaceTerminating cause", () => {
    const st = statusOf(() =>
      admitNamespaceLifecycle(
        { operation: "CREATE", info: pods, namespace: "dev", name: "p" },
        ns("dev", true),
      ),
    );
    expect(st?.code).toBe(403);
    expect(st?.message).toBe(
      'pods "p" is forbidden: unable to create new content in namespace dev because it is being terminated',
    );
    expect(st?.details?.causes).toEqual([
      {
        type: "NamespaceTerminating",
        message: "unable to create new content in namespace dev because it is being terminated",
        field: "metadata.namespace",
      },
    ]);
    // updates and deletes still go through
    expect(
      statusOf(() =>
        admitNamespaceLifecycle(
          { operation: "DELETE", info: pods, namespace: "dev", name: "p" },
          ns("dev", true),
        ),
      ),
    ).toBeUndefined();
  });

  it("protects the system namespaces from deletion", () => {
    expect(
      statusOf(() =>
        admitNamespaceLifecycle(
          { operation: "DELETE", info: namespaces, namespace: "", name: "kube-system" },
          undefined,
        ),
      )?.message,
    ).toBe('namespaces "kube-system" is forbidden: this namespace may not be deleted');
    expect(
      statusOf(() =>
        admitNamespaceLifecycle(
          { operation: "DELETE", info: namespaces, namespace: "", name: "dev" },
          undefined,
        ),
      ),
    ).toBeUndefined();
  });
});
