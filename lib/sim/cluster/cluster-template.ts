// The lab's default cluster is the same for every sandbox but for the sandbox's own
// secrets and the time it was created, so it is built once per process (per
// topology) at a fixed virtual time and each new sandbox gets a copy moved to its
// own creation time (time-shift.ts) with its own admin token and PRNG state.
//
// Sandboxes from one template share the bootstrap objects' uids, the pods' random
// name suffixes, the etcd member ids and the kubeadm bootstrap token. None of these
// is a credential here: the API server authenticates only the bearer tokens in
// `state.tokens` (each sandbox draws its own admin token from its own seed), sandboxes
// never see each other, and uids only need to be unique within one cluster. What a
// learner creates afterwards gets uids from the sandbox's own PRNG. `state.seed` stays
// the template's: the terminal rebuilds the control-plane host's files and
// certificates from it (cli/shell/host.ts), and they must match the stored objects.

import { Rng } from "../random";
import type { SandboxState } from "../state";
import { buildTopology, type ClusterTopology } from "../topology";
import {
  type KvRow,
  logRows,
  noteTimeShiftedCopy,
  timeShiftNote,
  timeShiftOrigin,
  type TimeShiftNote,
} from "../store/types";
import { shiftRecipe, shiftState, type ValueShiftRecipe } from "./time-shift";

/** Seed of every template; documented above why sharing it is safe. */
export const TEMPLATE_SEED = "kubelab/default-cluster/v1";
/** Virtual time every template is built at: fixed, so a sandbox never depends on what its process built first. */
export const TEMPLATE_TIME = Date.UTC(2026, 0, 1);

export interface TemplateInput {
  seed: string;
  now: number;
  controlPlanes: number;
  workers: number;
  bootedMsAgo: number;
}

export interface TemplateBuild {
  state: SandboxState;
  adminToken: string;
}

const templates = new Map<string, TemplateBuild>();

/** A row of a sandbox made from a template: the template's row it is `deltaMs` after. */
export interface TemplateRowOrigin extends TimeShiftNote {
  row: KvRow;
  deltaMs: number;
  recipe: ValueShiftRecipe;
}

/**
 * Where a stored row came from, when it is a template's row moved in time: persistence
 * encodes the template's value once and stores only the shift with each copy. Kept on the row
 * as its time-shift note (store/types.ts: a property of the row, not a WeakMap entry), which
 * only these templates write.
 */
export function templateRowOrigin(row: KvRow): TemplateRowOrigin | undefined {
  return timeShiftNote(row) as TemplateRowOrigin | undefined;
}

function noteTemplateRow(to: KvRow, from: KvRow, deltaMs: number): void {
  const origin: TemplateRowOrigin = {
    // A copy of a copy (a lab's template made from the default cluster's) names the first.
    original: timeShiftOrigin(from) ?? from,
    row: from,
    deltaMs,
    recipe: shiftRecipe(from.key),
  };
  noteTimeShiftedCopy(to, origin);
}

/**
 * Records that each row of `to` is the row of `from` at the same index moved by `deltaMs`
 * (shiftState's output for its input): other templates (a lab's start,
 * lib/labs/start/lab-start-template.ts) get the same encode-once persistence.
 */
export function rememberTemplateRows(
  from: readonly KvRow[],
  to: readonly KvRow[],
  deltaMs: number,
): void {
  for (let i = 0; i < to.length; i++) noteTemplateRow(to[i]!, from[i]!, deltaMs);
}

export function templateKey(i: Omit<TemplateInput, "seed" | "now">): string {
  return `${i.controlPlanes}/${i.workers}/${i.bootedMsAgo}`;
}

/**
 * The sandbox a build of the template cluster at `input.now` would give (to the whole
 * second below it), with the caller's seed deciding its admin token and later uids.
 */
export function clusterFromTemplate(
  input: TemplateInput,
  build: (seed: string, now: number) => TemplateBuild,
): { state: SandboxState; adminToken: string; topology: () => ClusterTopology } {
  const key = templateKey(input);
  let template = templates.get(key);
  if (!template) {
    template = build(TEMPLATE_SEED, TEMPLATE_TIME);
    templates.set(key, template);
  }
  const now = Math.floor(input.now / 1000) * 1000;
  const deltaMs = now - TEMPLATE_TIME;
  const shifted = shiftState(template.state, deltaMs);
  const from = logRows(template.state.store.log);
  const to = logRows(shifted.store.log);
  for (let i = 0; i < to.length; i++) noteTemplateRow(to[i]!, from[i]!, deltaMs);
  const rng = Rng.fromSeed(input.seed);
  const adminToken = rng.hex(32);
  const tokens = { ...shifted.tokens };
  const admin = tokens[template.adminToken]!;
  delete tokens[template.adminToken];
  tokens[adminToken] = admin;
  const state: SandboxState = { ...shifted, rng: rng.state(), tokens };
  const bootedAt = now - input.bootedMsAgo;
  return {
    state,
    adminToken,
    topology: () =>
      buildTopology({
        controlPlanes: input.controlPlanes,
        workers: input.workers,
        now: bootedAt,
        seed: TEMPLATE_SEED,
      }),
  };
}
