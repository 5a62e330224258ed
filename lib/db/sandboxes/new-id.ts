// The id of a sandbox this process creates. With several web workers a sandbox's terminal
// requests are served by its owner worker (a hash of the id, server/fast-lane/owner.mjs):
// drawing the id so that the creating worker is the owner keeps the new sandbox's start,
// which creation leaves in this worker's cache, on the worker its commands go to, and
// needs no forwarding (the lab page's open creates the lab sandbox wherever it lands).
import { randomBytes } from "node:crypto";
import { ownedId, stickyConfig } from "@/server/fast-lane/owner.mjs";

const draw = () => randomBytes(12).toString("base64url");

/** A new random sandbox id (16 base64url characters) owned by this worker when workers are sticky. */
export function newSandboxId(env: Record<string, string | undefined> = process.env): string {
  return ownedId(draw, stickyConfig(env));
}
