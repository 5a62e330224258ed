import { describe, expect, it } from "vitest";
import { ApiError } from "../errors";
import { authenticate, serviceAccountUser } from "./authenticate";

const tokens = {
  "tok-admin": { username: "kubernetes-admin", groups: ["system:masters"] },
  "tok-sa": serviceAccountUser("default", "builder", "u1"),
};

describe("authentication", () => {
  it("maps a known bearer token to its user plus system:authenticated", () => {
    expect(authenticate({ token: "tok-admin" }, tokens)).toEqual({
      username: "kubernetes-admin",
      groups: ["system:masters", "system:authenticated"],
    });
    expect(authenticate({ token: "tok-sa" }, tokens).groups).toEqual([
      "system:serviceaccounts",
      "system:serviceaccounts:default",
      "system:authenticated",
    ]);
  });

  it("rejects unknown tokens and anonymous requests with a 401 Status", () => {
    for (const input of [{ token: "nope" }, {}, { token: "toString" }]) {
      try {
        authenticate(input, tokens);
        expect.unreachable();
      } catch (err) {
        expect(err).toBeInstanceOf(ApiError);
        expect((err as ApiError).status).toMatchObject({
          code: 401,
          reason: "Unauthorized",
          message: "Unauthorized",
        });
      }
    }
  });

  it("adds system:authenticated per user object: another user object gets its own groups", () => {
    const a = { username: "system:node:worker1", groups: ["system:nodes"] };
    const first = authenticate({ user: a }, tokens);
    expect(authenticate({ user: a }, tokens)).toBe(first);
    expect(first.groups).toEqual(["system:nodes", "system:authenticated"]);
    expect(a.groups).toEqual(["system:nodes"]);
    // Same name, other groups (a changed identity is a new object): not the kept answer.
    const b = { username: "system:node:worker1", groups: ["system:masters"] };
    expect(authenticate({ user: b }, tokens).groups).toEqual([
      "system:masters",
      "system:authenticated",
    ]);
  });

  it("accepts a user the app already authenticated", () => {
    expect(authenticate({ user: { username: "alice", groups: [] } }, tokens).groups).toEqual([
      "system:authenticated",
    ]);
  });
});
