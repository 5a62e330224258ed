// A lab's start is the same for every learner but for their parameters, their own
// secrets and the time they open it, so, as the default cluster is (lib/sim/cluster/
// cluster-template.ts), it is built once per process at a fixed virtual time and
// each learner gets a copy moved to their own creation time, with their own admin
// token and PRNG state.
//
// Parameters: `int` and `choice` values are part of the template's key (one template
// per distinct set, few by construction). `name` values (prefix + 4 characters) would
// make nearly every learner's start distinct, so the template is built with a
// sentinel of the same length in their place (the prefix, then characters the
// parameter alphabet never draws) and each copy writes the learner's name over it.
// That holds only where a name is a mere label: uids and generated suffixes come from
// the PRNG, the scheduler's tie-breaks from the seed, time and revision. A name hashed
// into something (a pod template's labels → pod-template-hash) is not: so each template
// is built a second time with other sentinels, and unless the two differ by exactly the
// sentinels, that lab's learners get their own build (as before templates).
// lab-start-template.test.ts holds every lab's copy equal to a fresh build with the
// learner's own values.
//
// Shared between learners of one template, as cluster-template.ts documents for the
// default cluster: uids of the start's objects, the random suffixes of their pods'
// names, etcd member ids, and `state.seed` (the terminal rebuilds the control planes'
// files and certificates from it). Built for each learner instead: a start that leaves
// pods parked in the scheduling queue (back-off deadlines cannot be moved yet), and one
// with a CronJob (its schedule is tied to the wall clock's minutes and hours, which a
// shift by whole seconds does not keep).

import { createHash } from "node:crypto";
import { serializeState, type KvRow, type SandboxState } from "@/lib/sim";
import { rememberTemplateRows, TEMPLATE_TIME } from "@/lib/sim/cluster/cluster-template";
import { shiftState } from "@/lib/sim/cluster/time-shift";
import { Rng } from "@/lib/sim/random";
import { logRows } from "@/lib/sim/store/types";
import { SAMPLE_USER, type LoadedLab } from "../load-labs";
import { drawParams, nameSentinels, placeholdersIn, substitute, type ParamValues } from "../params";
import { startSchema, type LabDefinition } from "../schema/lab-schema";
import { buildLabStart, type LabStart } from "./build-start";
import { setLabTemplatesWarm } from "./warm-state";

export { nameSentinels };

type LabStartSpec = LabDefinition["start"];

/** Seed of every lab template (documented above why sharing its draws is safe). */
export const LAB_TEMPLATE_SEED = "kubelab/lab-start/v1";
/** Templates kept per process: a lab has a handful of int/choice value sets. */
export const LAB_TEMPLATE_LIMIT = 64;

interface LabTemplate {
  start: LabStart;
  /** [sentinel, parameter name] for every `name` parameter. */
  sentinels: readonly (readonly [string, string])[];
  /** Indexes of the rows whose key or value holds a sentinel. */
  named: ReadonlySet<number>;
  /** Whether the scheduler's memory names a sentinel (its records are keyed by pod). */
  namedScheduler: boolean;
  /** The template's bearer tokens, replaced in each copy by the learner's own. */
  tokens: readonly string[];
  /** false: the start cannot be moved in time (see the header); build per learner. */
  copyable: boolean;
}

interface TemplateStore {
  templates: Map<string, LabTemplate>;
  /** Templates built so far by this process (warmLabTemplates reports its own). */
  builds: number;
}

// On globalThis, not in module scope: a Next.js production build bundles this module
// once per layer (instrumentation.ts, route handlers, server components), each copy
// with its own module state, so templates warmed by instrumentation's copy were
// invisible to the routes'. A template is plain data (and LiveIndex instances whose
// methods come with them), so any copy can use another's.
const shared = globalThis as unknown as { kubelabLabTemplatesV1?: TemplateStore };

function store(): TemplateStore {
  shared.kubelabLabTemplatesV1 ??= { templates: new Map(), builds: 0 };
  return shared.kubelabLabTemplatesV1;
}

interface StartShape {
  /** The lab and its start as written (placeholders unfilled), hashed. */
  key: string;
  sentinels: Record<string, string>;
  /** The int/choice parameters the start uses: their values pick the template. */
  valued: string[];
}

const shapes = new WeakMap<object, StartShape>();

function startShape(lab: LoadedLab): StartShape {
  const raw = (lab.raw ?? {}) as object;
  let shape = shapes.get(raw);
  if (!shape) {
    const rawStart = (lab.raw as { start?: unknown } | null)?.start ?? {};
    const sentinels = nameSentinels(lab.sample.params);
    shape = {
      key: createHash("sha256")
        .update(`${lab.id}\u0000${JSON.stringify(rawStart)}\u0000${JSON.stringify(sentinels)}`)
        .digest("hex"),
      sentinels,
      valued: [...placeholdersIn(rawStart)].filter((n) => !(n in sentinels)).sort(),
    };
    shapes.set(raw, shape);
  }
  return shape;
}

/** The lab's start as written, with these parameter values. */
function startWith(lab: LoadedLab, values: ParamValues): LabStartSpec {
  const raw = (lab.raw as { start?: unknown } | null)?.start ?? {};
  return startSchema.parse(substitute(raw, values));
}

const contains = (text: string, sentinels: LabTemplate["sentinels"]) =>
  sentinels.some(([s]) => text.includes(s));

/** A state as text, but for the secrets each copy draws anew. */
const canonical = (state: SandboxState) =>
  serializeState({ ...state, tokens: {}, rng: [0, 0, 0, 0] });

/**
 * Built once with each of two sentinel sets: when the two differ by more than the
 * sentinels (a name hashed into pod-template-hash, a name deciding an order), a name
 * is not a mere label in this start and each learner gets their own build.
 */
function buildTemplate(
  startOf: (sentinels: Record<string, string>) => LabStartSpec,
  sentinels: Record<string, string>,
  others: Record<string, string>,
): LabTemplate {
  const built = buildLabStart({ start: startOf(sentinels) }, LAB_TEMPLATE_SEED, TEMPLATE_TIME);
  const pairs = Object.entries(sentinels).map(([name, s]) => [s, name] as const);
  const named = new Set<number>();
  built.rows.forEach((r, i) => {
    if (contains(r.key, pairs) || contains(r.value, pairs)) named.add(i);
  });
  const queue = built.state.scheduler?.queue ?? {};
  const all = [...Object.values(sentinels), ...Object.values(others)];
  let copyable =
    Object.keys(queue).length === 0 &&
    !startOf(sentinels).objects.some((o) => o.kind === "CronJob") &&
    // A sentinel inside another would be overwritten by the wrong name.
    !all.some((a, i) => all.some((b, j) => i !== j && b.includes(a))) &&
    !contains(JSON.stringify(built.state.world ?? {}), pairs);
  if (copyable && pairs.length > 0) {
    const other = buildLabStart({ start: startOf(others) }, LAB_TEMPLATE_SEED, TEMPLATE_TIME);
    const toOthers = pairs.map(([s, name]) => [s, others[name]!] as const);
    copyable = overwrite(canonical(built.state), toOthers) === canonical(other.state);
  }
  return {
    start: built,
    sentinels: pairs,
    named,
    namedScheduler: contains(JSON.stringify(built.state.scheduler ?? {}), pairs),
    tokens: Object.keys(built.state.tokens),
    copyable,
  };
}

function templateFor(key: string, make: () => LabTemplate): LabTemplate {
  const s = store();
  let t = s.templates.get(key);
  if (t) {
    // Most recently used last: the Map's order is the LRU order.
    s.templates.delete(key);
  } else {
    t = make();
    s.builds++;
    if (s.templates.size >= LAB_TEMPLATE_LIMIT)
      s.templates.delete(s.templates.keys().next().value!);
  }
  s.templates.set(key, t);
  return t;
}

/** Templates held now (tests of the bound). */
export function labTemplateCount(): number {
  return store().templates.size;
}

/** Tests: no templates, no warm-up (as in a new process). */
export function resetLabTemplatesForTests(): void {
  shared.kubelabLabTemplatesV1 = undefined;
  setLabTemplatesWarm("idle");
}

function overwrite(text: string, names: readonly (readonly [string, string])[]): string {
  let out = text;
  for (const [from, to] of names) out = out.split(from).join(to);
  return out;
}

/** The template moved to `now` (whole seconds) with the learner's names, tokens and PRNG. */
function copyTemplate(t: LabTemplate, params: ParamValues, seed: string, now: number): LabStart {
  const deltaMs = Math.floor(now / 1000) * 1000 - TEMPLATE_TIME;
  const shifted = shiftState(t.start.state, deltaMs);
  const from = t.start.rows;
  const moved = logRows(shifted.store.log);
  const names = t.sentinels.map(([s, name]) => [s, String(params[name])] as const);
  let rows: KvRow[] = moved as KvRow[];
  let live = shifted.store.live;
  if (t.named.size > 0) {
    const edit = live.edit();
    const out = [...moved];
    for (const i of t.named) {
      const r = moved[i]!;
      const key = overwrite(r.key, names);
      out[i] = { ...r, key, value: overwrite(r.value, names) };
      if (!r.deleted) {
        edit.delete(r.key);
        edit.set(key, out[i]!);
      }
    }
    rows = out;
    live = edit;
  }
  // Rows still equal to a template row moved in time are stored as the template's (encoded once).
  const keptFrom: KvRow[] = [];
  const keptTo: KvRow[] = [];
  for (let i = 0; i < rows.length; i++) {
    if (t.named.has(i)) continue;
    keptFrom.push(from[i]!);
    keptTo.push(rows[i]!);
  }
  rememberTemplateRows(keptFrom, keptTo, deltaMs);
  const rng = Rng.fromSeed(seed);
  const tokens: SandboxState["tokens"] = Object.fromEntries(
    t.tokens.map((tok) => [rng.hex(32), shifted.tokens[tok]!]),
  );
  const scheduler =
    t.namedScheduler && shifted.scheduler
      ? (JSON.parse(
          overwrite(JSON.stringify(shifted.scheduler), names),
        ) as SandboxState["scheduler"])
      : shifted.scheduler;
  const state: SandboxState = {
    ...shifted,
    rng: rng.state(),
    tokens,
    store: { ...shifted.store, log: { rows, length: rows.length }, live },
    ...(scheduler ? { scheduler } : {}),
  };
  const templatePods = t.start.state.world?.staticPods;
  return {
    state,
    rows,
    // The copy's manifests are the template's moved by deltaMs (shiftState).
    ...(templatePods ? { podsTemplate: { staticPods: templatePods, shiftMs: deltaMs } } : {}),
  };
}

/**
 * The lab's start for one learner (their parameter values and seed) created at `now`:
 * a copy of the process's template for the lab and its int/choice values. Equal to
 * `buildLabStart` with the template's seed and the learner's values, moved to `now`.
 */
export function labStartFor(
  lab: LoadedLab,
  params: ParamValues,
  seed: string,
  now: number,
): LabStart {
  const shape = startShape(lab);
  const startOf = (names: Record<string, string>) => startWith(lab, { ...params, ...names });
  // The start with sentinels depends on nothing else than these values: no parse per learner.
  const values = shape.valued.map((name) => params[name]);
  const key = `${shape.key}\u0000${JSON.stringify(values)}`;
  const t = templateFor(key, () =>
    buildTemplate(startOf, shape.sentinels, nameSentinels(lab.sample.params, 1)),
  );
  if (!t.copyable) return buildLabStart({ start: startWith(lab, params) }, seed, now);
  return copyTemplate(t, params, seed, now);
}

/**
 * Builds the templates of these labs (for the sample learner's int/choice values) ahead
 * of the first learner, e.g. when a process starts: a class opening a lab at the same
 * minute then never waits for a build. One lab per macrotask, so requests interleave.
 */
export async function warmLabTemplates(labs: readonly LoadedLab[]): Promise<number> {
  const s = store();
  let built = 0;
  setLabTemplatesWarm("running");
  try {
    for (const lab of labs) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      const before = s.builds;
      labStartFor(
        lab,
        drawParams(SAMPLE_USER, lab.id, lab.sample.params),
        LAB_TEMPLATE_SEED,
        TEMPLATE_TIME,
      );
      built += s.builds - before;
    }
  } finally {
    // A failed warm-up leaves the rest to be built on first use: never unready for good.
    setLabTemplatesWarm("done");
  }
  return built;
}
