import { describe, expect, it } from "vitest";
import { decodeValue, encodeRowValue } from "@/lib/db/sandboxes/value-codec";
import {
  ADMIN_USER,
  handle,
  serializeState,
  templateRowOrigin,
  type SandboxState,
} from "@/lib/sim";
import { fixedClock } from "@/lib/sim/clock";
import { advanceTime } from "@/lib/sim/engine";
import { clusterEngineOptions } from "@/lib/sim/cluster/loops";
import { TEMPLATE_TIME } from "@/lib/sim/cluster/cluster-template";
import { shiftState } from "@/lib/sim/cluster/time-shift";
import { logRows } from "@/lib/sim/store/types";
import { getObject } from "@/lib/sim/controllers/shared/cache";
import { allLabs } from "../catalog";
import type { LoadedLab } from "../load-labs";
import { substitute } from "../params";
import { startSchema } from "../schema/lab-schema";
import { instantiateLab } from "../load-labs";
import { drawParams } from "../params";
import { buildLabStart } from "./build-start";
import {
  LAB_TEMPLATE_LIMIT,
  LAB_TEMPLATE_SEED,
  labStartFor,
  labTemplateCount,
  nameSentinels,
  warmLabTemplates,
} from "./lab-start-template";

const labs = allLabs();
const LATER = TEMPLATE_TIME + 86_400_000 + 4_321_567; // a day and 4321.567 s later
const LATER_S = LATER - 567;

// Only the sandbox's own secrets may differ: its bearer tokens and PRNG state.
const strip = (s: SandboxState) => serializeState({ ...s, tokens: {}, rng: [0, 0, 0, 0] });
const liveOf = (s: SandboxState) => [...s.store.live.entries()].map(([k, r]) => [k, r.value]);

// Builds of 3-control-plane clusters run for seconds on a loaded machine.
const SLOW = { timeout: 120_000 };

describe.each(labs.map((l) => [l.id, l] as const))("lab %s from its template", SLOW, (_id, lab) => {
  it("equals a fresh build with the learner's values, moved to the creation time", () => {
    for (const user of ["learner-one", "learner-two"]) {
      const { def, params } = instantiateLab(lab, user);
      const fresh = buildLabStart(def, LAB_TEMPLATE_SEED, TEMPLATE_TIME);
      const atTemplate = labStartFor(lab, params, `${user}-seed`, TEMPLATE_TIME);
      expect(strip(atTemplate.state)).toBe(strip(fresh.state));
      expect(liveOf(atTemplate.state)).toEqual(liveOf(fresh.state));

      const copy = labStartFor(lab, params, `${user}-seed`, LATER);
      const moved = shiftState(fresh.state, LATER_S - TEMPLATE_TIME);
      expect(copy.state.time).toBe(fresh.state.time + LATER_S - TEMPLATE_TIME);
      expect(strip(copy.state)).toBe(strip(moved));
      expect(liveOf(copy.state)).toEqual(liveOf(moved));
      expect(copy.rows).toEqual(logRows(moved.store.log));
      // The learner's names are in, the sentinels are gone.
      const text = copy.rows.map((r) => `${r.key}\n${r.value}`).join("\n");
      for (const s of Object.values(nameSentinels(lab.sample.params)))
        expect(text.includes(s)).toBe(false);
    }
  });

  it("runs on as the fresh build does: faults, leases and controllers the same 6 minutes later", () => {
    const { def, params } = instantiateLab(lab, "learner-four");
    const copy = labStartFor(lab, params, "seed-four", LATER).state;
    const fresh = buildLabStart(def, LAB_TEMPLATE_SEED, TEMPLATE_TIME).state;
    // The same PRNG and tokens: what controllers create later draws the same uids.
    const moved = {
      ...shiftState(fresh, copy.time - fresh.time),
      rng: copy.rng,
      tokens: copy.tokens,
    };
    const engine = clusterEngineOptions();
    const until = copy.time + 6 * 60_000;
    const a = advanceTime(copy, until, engine).state;
    const b = advanceTime(moved, until, engine).state;
    expect(a.store.revision).toBeGreaterThan(copy.store.revision);
    expect(serializeState(a)).toBe(serializeState(b));
    // A stopped etcd member stays stopped, a powered-off machine off.
    const running = (s: typeof a) => s.etcd.members.map((m) => [m.name, m.running]);
    expect(running(a)).toEqual(running(fresh));
    expect(a.etcd.leaderId).toBe(fresh.etcd.leaderId);
    expect(a.world?.machines).toEqual(fresh.world?.machines);
  });

  it("stores every row so that it reads back as the copy's value", () => {
    const params = drawParams("learner-three", lab.id, lab.sample.params);
    const copy = labStartFor(lab, params, "seed-three", LATER);
    let shared = 0;
    for (const r of copy.rows) {
      const bytes = encodeRowValue(r);
      if (bytes[0] === 0x0e) shared++;
      expect(decodeValue(bytes), r.key).toBe(r.value);
    }
    // Most rows are the template's, encoded once per process.
    expect(shared).toBeGreaterThan(copy.rows.length * 0.8);
  });
});

describe("lab templates", SLOW, () => {
  const lab = labs.find((l) => l.id === "self-healing")!;

  it("give each learner their own admin token and PRNG, and keep sandboxes apart", () => {
    const params = drawParams("same-user", lab.id, lab.sample.params);
    const a = labStartFor(lab, params, "seed-a", LATER);
    const b = labStartFor(lab, params, "seed-b", LATER);
    const a2 = labStartFor(lab, params, "seed-a", LATER);
    expect(serializeState(a2.state)).toBe(serializeState(a.state));
    const [tokA] = Object.keys(a.state.tokens);
    const [tokB] = Object.keys(b.state.tokens);
    expect(tokA).not.toBe(tokB);
    expect(b.state.rng).not.toEqual(a.state.rng);
    const get = (s: SandboxState, token: string) =>
      handle(s, { method: "GET", path: "/api/v1/nodes", token }, fixedClock(s.time)).response.code;
    expect(get(a.state, tokA!)).toBe(200);
    expect(get(a.state, tokB!)).toBe(401);
    const ns = String(params.ns);
    const r = handle(
      a.state,
      {
        method: "DELETE",
        path: `/apis/apps/v1/namespaces/${ns}/deployments/web`,
        user: ADMIN_USER,
      },
      fixedClock(a.state.time),
    );
    expect(r.response.code).toBe(200);
    const path = `/apis/apps/v1/namespaces/${ns}/deployments/web`;
    const code = (s: SandboxState) =>
      handle(s, { method: "GET", path, user: ADMIN_USER }, fixedClock(s.time)).response.code;
    expect(code(r.state)).toBe(404);
    expect(code(b.state)).toBe(200);
    expect(code(labStartFor(lab, params, "seed-c", LATER).state)).toBe(200);
  });

  it("keep one template per value set of the int params the start uses, not per name", () => {
    // self-healing draws replicas 4..6 but its start does not use them: one template.
    labStartFor(lab, drawParams("user-0", lab.id, lab.sample.params), "s", LATER);
    const before = labTemplateCount();
    const drawn = new Set<number>();
    for (let i = 0; i < 20; i++) {
      const params = drawParams(`user-${i}`, lab.id, lab.sample.params);
      drawn.add(Number(params.replicas));
      labStartFor(lab, params, `s${i}`, LATER);
    }
    expect(drawn.size).toBe(3);
    expect(labTemplateCount()).toBe(before);
    // A start that uses an int param: one template per value, whatever the names.
    const specs = {
      ns: { type: "name", prefix: "c-" },
      n: { type: "int", min: 1, max: 2 },
    } as const;
    const counted: LoadedLab = {
      id: "counted",
      file: "counted.yaml",
      courseId: "c",
      sessionId: "s",
      raw: {
        start: {
          objects: [
            { apiVersion: "v1", kind: "Namespace", metadata: { name: "{{ns}}" } },
            {
              apiVersion: "v1",
              kind: "ConfigMap",
              metadata: { name: "n", namespace: "{{ns}}" },
              data: { n: "x{{n}}" },
            },
          ],
        },
      },
      sample: { ...lab.sample, id: "counted", params: specs },
    };
    const values = new Set<number>();
    for (let i = 0; i < 12; i++) {
      const params = drawParams(`user-${i}`, "counted", specs);
      values.add(Number(params.n));
      const copy = labStartFor(counted, params, `s${i}`, LATER);
      const cm = copy.state.store.live.get(`/registry/configmaps/${params.ns}/n`);
      expect(JSON.parse(cm!.value).data).toEqual({ n: `x${params.n}` });
    }
    expect(values.size).toBe(2);
    expect(labTemplateCount()).toBe(before + 2);
    expect(labTemplateCount()).toBeLessThanOrEqual(LAB_TEMPLATE_LIMIT);
  });

  it("hold at most LAB_TEMPLATE_LIMIT templates, the least recently used going first", () => {
    const specs = { n: { type: "int", min: 1, max: 1000 } } as const;
    const many: LoadedLab = {
      id: "many",
      file: "many.yaml",
      courseId: "c",
      sessionId: "s",
      raw: {
        start: {
          objects: [
            { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "n" }, data: { n: "x{{n}}" } },
          ],
        },
      },
      sample: { ...lab.sample, id: "many", params: specs },
    };
    const open = (n: number) => labStartFor(many, { n }, "s", LATER);
    // The template row a copy's first row was made from: the same object while the template lives.
    const origin = (n: number) =>
      templateRowOrigin(open(n).rows.find((r) => r.key === "/registry/configmaps/default/n")!)?.row;
    const first = origin(1);
    const second = origin(2);
    expect(first).toBeDefined();
    for (let n = 1; n <= LAB_TEMPLATE_LIMIT + 6; n++) {
      open(n);
      open(1); // kept in use: never the least recently used
    }
    expect(labTemplateCount()).toBe(LAB_TEMPLATE_LIMIT);
    expect(origin(1)).toBe(first);
    expect(origin(2)).not.toBe(second);
    const cm = (n: number) =>
      JSON.parse(open(n).state.store.live.get("/registry/configmaps/default/n")!.value).data;
    expect(cm(1)).toEqual({ n: "x1" });
    expect(cm(2)).toEqual({ n: "x2" }); // evicted, built again
  });

  it("copies every kind of fault: a machine off, cordon, taint, a stopped etcd member, time passed", () => {
    const start = {
      kubeadmConfig: "ha-stacked",
      controlPlanes: 3,
      workers: 2,
      objects: [
        { apiVersion: "v1", kind: "Namespace", metadata: { name: "{{ns}}" } },
        {
          apiVersion: "apps/v1",
          kind: "Deployment",
          metadata: { name: "{{app}}", namespace: "{{ns}}" },
          spec: {
            replicas: "{{n}}",
            selector: { matchLabels: { app: "web" } },
            template: {
              metadata: { labels: { app: "web" } },
              spec: { containers: [{ name: "c", image: "nginx:1.25" }] },
            },
          },
        },
      ],
      faults: [
        { fastForwardSeconds: 20 },
        { powerOff: "worker1" },
        { stopEtcdMember: "master3" },
        { cordon: "worker2" },
        { taint: { node: "master2", key: "k", value: "v", effect: "NoExecute" } },
        { fastForwardSeconds: 50 },
      ],
    };
    const specs = {
      ns: { type: "name", prefix: "f-" },
      app: { type: "name", prefix: "web-" },
      n: { type: "int", min: 2, max: 3 },
    } as const;
    const synthetic: LoadedLab = {
      id: "faults",
      file: "faults.yaml",
      courseId: "c",
      sessionId: "s",
      raw: { start },
      sample: { ...lab.sample, id: "faults", params: specs },
    };
    const params = drawParams("learner-five", "faults", specs);
    const copy = labStartFor(synthetic, params, "seed-five", LATER);
    const def = { start: startSchema.parse(substitute(start, params)) };
    const fresh = buildLabStart(def, LAB_TEMPLATE_SEED, TEMPLATE_TIME).state;
    const moved = shiftState(fresh, copy.state.time - fresh.time);
    expect(strip(copy.state)).toBe(strip(moved));
    expect(copy.state.world?.machines.worker1?.running).toBe(false);
    // 6 minutes on: worker1 NotReady, its pods evicted after the 300 s toleration - the same in both.
    const engine = clusterEngineOptions();
    const until = copy.state.time + 6 * 60_000;
    const a = advanceTime(copy.state, until, engine).state;
    const b = advanceTime(
      { ...moved, rng: copy.state.rng, tokens: copy.state.tokens },
      until,
      engine,
    ).state;
    expect(serializeState(a)).toBe(serializeState(b));
    const ready = (node: string) =>
      (
        getObject(a, "", "nodes", undefined, node)?.status as {
          conditions: { type: string; status: string }[];
        }
      ).conditions.find((c) => c.type === "Ready")?.status;
    expect(ready("worker1")).toBe("Unknown");
    expect(ready("worker2")).toBe("True");
  });

  it("builds for each learner when a name is more than a label (hashed into pod-template-hash)", () => {
    const start = {
      objects: [
        {
          apiVersion: "apps/v1",
          kind: "Deployment",
          metadata: { name: "web", namespace: "default" },
          spec: {
            replicas: 2,
            selector: { matchLabels: { app: "{{app}}" } },
            template: {
              metadata: { labels: { app: "{{app}}" } },
              spec: { containers: [{ name: "c", image: "nginx:1.25" }] },
            },
          },
        },
      ],
      faults: [{ fastForwardSeconds: 20 }],
    };
    const specs = { app: { type: "name", prefix: "web-" } } as const;
    const synthetic: LoadedLab = {
      id: "hashed",
      file: "hashed.yaml",
      courseId: "c",
      sessionId: "s",
      raw: { start },
      sample: { ...lab.sample, id: "hashed", params: specs },
    };
    for (const user of ["learner-six", "learner-seven"]) {
      const params = drawParams(user, "hashed", specs);
      const copy = labStartFor(synthetic, params, `seed-${user}`, LATER);
      const def = { start: startSchema.parse(substitute(start, params)) };
      const own = buildLabStart(def, `seed-${user}`, LATER);
      expect(serializeState(copy.state)).toBe(serializeState(own.state));
    }
  });

  it("builds for each learner a start with a CronJob (its schedule follows the wall clock)", () => {
    const start = {
      objects: [
        {
          apiVersion: "batch/v1",
          kind: "CronJob",
          metadata: { name: "tick", namespace: "default" },
          spec: {
            schedule: "*/5 * * * *",
            jobTemplate: {
              spec: {
                template: {
                  spec: {
                    restartPolicy: "OnFailure",
                    containers: [{ name: "c", image: "busybox:1.36" }],
                  },
                },
              },
            },
          },
        },
      ],
    };
    const cron: LoadedLab = {
      id: "cron",
      file: "cron.yaml",
      courseId: "c",
      sessionId: "s",
      raw: { start },
      sample: { ...lab.sample, id: "cron", params: {} },
    };
    const copy = labStartFor(cron, {}, "seed-cron", LATER);
    const own = buildLabStart({ start: startSchema.parse(start) }, "seed-cron", LATER);
    expect(serializeState(copy.state)).toBe(serializeState(own.state));
  });

  it("can be warmed ahead of the first learner", async () => {
    const specs = { n: { type: "int", min: 7000, max: 7000 } } as const;
    const warm: LoadedLab = {
      id: "warm",
      file: "warm.yaml",
      courseId: "c",
      sessionId: "s",
      raw: {
        start: {
          objects: [
            { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "w" }, data: { n: "x{{n}}" } },
          ],
        },
      },
      sample: { ...lab.sample, id: "warm", params: specs },
    };
    expect(await warmLabTemplates([warm])).toBe(1);
    const row = (s: ReturnType<typeof labStartFor>) =>
      templateRowOrigin(s.rows.find((r) => r.key === "/registry/configmaps/default/w")!)?.row;
    const origin = row(labStartFor(warm, { n: 7000 }, "a", LATER));
    expect(origin).toBeDefined();
    expect(await warmLabTemplates([warm])).toBe(0); // already there: nothing built
    expect(row(labStartFor(warm, { n: 7000 }, "b", LATER))).toBe(origin);
  });

  it("uses sentinels no learner's name can equal", () => {
    const s = nameSentinels({
      a: { type: "name", prefix: "web-" },
      b: { type: "name", prefix: "web-" },
      n: { type: "int", min: 1, max: 2 },
    });
    expect(Object.keys(s)).toEqual(["a", "b"]);
    expect(s.a).not.toBe(s.b);
    for (let i = 0; i < 200; i++) {
      const drawn = drawParams(`u${i}`, "x", { a: { type: "name", prefix: "web-" } });
      expect(drawn.a).toHaveLength(s.a!.length);
      expect(Object.values(s)).not.toContain(drawn.a);
    }
  });
});
