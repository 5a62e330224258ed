// A lab template's static pod manifests (world.staticPods: 34.8 KB of the 44.5 KB `meta`
// of a cluster-anatomy sandbox) stored ONCE, not in every sandbox copied from the
// template. A copy's manifests are the template's with every timestamp moved by the
// copy's shift (lib/sim/cluster/time-shift.ts), so the sandbox row keeps only the
// template text's hash (`sharedPods`) and the shift (`sharedPodsShiftMs`), and a load
// rebuilds the copy's manifests from the shared row (`SandboxShared`, keyed by the
// SHA-256 of its text, written with ON CONFLICT DO NOTHING by every insert that uses it:
// another instance, or a database that never saw the row, needs nothing else).
//
// The `meta` column then leaves world.staticPods out. A later write that changes the
// world (a machine powered off, kubeadm reset/join, a host file) merges the whole new
// `world` into `meta`, manifests included: a `meta` whose world holds staticPods takes
// precedence over the shared row, so a sandbox whose part changed keeps its own.
// Sandboxes stored before (sharedPods NULL) hold their manifests in `meta` as always.
// The shared row is never deleted while referenced (see the migration
// 20261127225606_sandbox_shared_parts: nothing deletes it, a trigger refuses it).

import { createHash } from "node:crypto";
import { stateMeta, type SandboxMeta, type SandboxState } from "@/lib/sim";
import type { WorldState } from "@/lib/sim/cluster/world";
import { shiftTimestamps } from "@/lib/sim/cluster/time-shift";
import { splitMeta } from "./meta-split";

/** A sandbox's reference to a shared part: the part's text (and hash) and the copy's shift. */
export interface SharedPods {
  hash: string;
  body: string;
  shiftMs: number;
}

/** The template's manifests a lab start was copied from, and by how much it was moved. */
export interface PodsTemplate {
  staticPods: object;
  shiftMs: number;
}

interface PodsText {
  hash: string;
  body: string;
  /** false: moving the text's timestamps might not give the copy's manifests (see below). */
  shiftable: boolean;
}

// Once per template object (templates live as long as the process keeps them).
const texts = new WeakMap<object, PodsText>();

// shiftState moves, besides RFC 3339 timestamps in strings, numeric epoch fields ("at",
// "timeMs", "expiresAt") and event names ("<name>.<UnixNano hex>"). Manifests with
// neither are moved exactly by shifting the timestamps of their JSON text (a timestamp
// holds nothing JSON escapes, and the pattern cannot span a quote); others stay inline.
const EPOCH_KEY = /"(at|timeMs|expiresAt)":/;
const NANOS_HEX = /\.[0-9a-f]{13,16}\b/;

function podsText(staticPods: object): PodsText {
  let t = texts.get(staticPods);
  if (!t) {
    const body = JSON.stringify(staticPods);
    t = {
      hash: createHash("sha256").update(body).digest("hex"),
      body,
      shiftable: !EPOCH_KEY.test(body) && !NANOS_HEX.test(body),
    };
    texts.set(staticPods, t);
  }
  return t;
}

/**
 * The columns of a new sandbox: `cold` without world.staticPods and `shared` when the
 * start's manifests are the template's moved by its shift; otherwise splitMeta's
 * columns and no shared part.
 */
export function insertMetaOf(
  state: SandboxState,
  template?: PodsTemplate,
): { cold: string; hot: string; shared: SharedPods | null } {
  const meta = stateMeta(state);
  const world = meta.world;
  if (!template || !world || Object.keys(world.staticPods).length === 0) {
    return { ...splitMeta(meta), shared: null };
  }
  const text = podsText(template.staticPods);
  if (!text.shiftable) return { ...splitMeta(meta), shared: null };
  const { staticPods: _inShared, ...rest } = world;
  const split = splitMeta({ ...meta, world: rest as WorldState });
  return { ...split, shared: { hash: text.hash, body: text.body, shiftMs: template.shiftMs } };
}

export class SharedPartMissingError extends Error {
  override readonly name = "SharedPartMissingError";
}

/**
 * `meta` with the shared manifests put back (moved by the sandbox's shift), unless its
 * world holds its own. `body` is the shared row's text (null: no row), `hash` the
 * sandbox's reference (null: none, an older or a non-template sandbox).
 */
export function withSharedPods(
  meta: SandboxMeta,
  hash: string | null,
  body: string | null,
  shiftMs: string | null,
): SandboxMeta {
  // Stored without its manifests (the type says what a state holds, not a stored row).
  const world = meta.world as Partial<WorldState> | undefined;
  if (hash === null || !world || "staticPods" in world) return meta;
  if (body === null) throw new SharedPartMissingError(`shared part ${hash} is missing`);
  const staticPods = JSON.parse(
    shiftTimestamps(body, Number(shiftMs ?? 0)),
  ) as WorldState["staticPods"];
  // Appended last: where a jsonb `meta` would have put the key as well.
  return { ...meta, world: { ...(world as WorldState), staticPods } };
}
