import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/sim/apiserver/errors";
import { bareState } from "@/lib/sim/apiserver/handler/test-support";
import { impersonate } from "./impersonation";

const ADMIN = { username: "kubernetes-admin", groups: ["system:masters", "system:authenticated"] };
const headers = (h: Record<string, string>) => new Headers(h);

describe("impersonation headers", () => {
  it("a service account gets its groups and system:authenticated", () => {
    expect(
      impersonate(
        headers({ "Impersonate-User": "system:serviceaccount:dev:bot" }),
        ADMIN,
        bareState(),
      ),
    ).toEqual({
      username: "system:serviceaccount:dev:bot",
      groups: ["system:serviceaccounts", "system:serviceaccounts:dev", "system:authenticated"],
    });
  });

  it("a user with --as-group keeps the groups asked for", () => {
    expect(
      impersonate(
        headers({ "Impersonate-User": "alice", "Impersonate-Group": "devs" }),
        ADMIN,
        bareState(),
      ),
    ).toEqual({ username: "alice", groups: ["devs", "system:authenticated"] });
  });

  it("refuses callers without the impersonate verb, and groups without a user", () => {
    const denied = impersonate(
      headers({ "Impersonate-User": "alice" }),
      { username: "bob", groups: ["system:authenticated"] },
      bareState(),
    );
    expect(denied).toBeInstanceOf(ApiError);
    expect((denied as ApiError).status).toMatchObject({
      code: 403,
      message:
        'users "alice" is forbidden: User "bob" cannot impersonate resource "users" in API group "" at the cluster scope',
    });
    const noUser = impersonate(headers({ "Impersonate-Group": "devs" }), ADMIN, bareState());
    expect((noUser as ApiError).status).toMatchObject({
      code: 400,
      message: "requested [{Group  devs    }] without impersonating a user",
    });
  });
});
