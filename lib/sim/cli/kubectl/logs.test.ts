import { describe, expect, it, vi } from "vitest";
import type { ApiResponse } from "../../apiserver/handler/types";
import { labTerminal } from "../testing";
import { DEFAULT_SESSION, type CommandContext } from "../types";
import { attachablePod } from "./attachable-pod";

// Each test builds the lesson's cluster: seconds on a loaded 2-core machine.
vi.setConfig({ testTimeout: 30_000 });

const DUO = {
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "duo" },
  spec: {
    containers: [
      { name: "a", image: "nginx:1.25" },
      { name: "b", image: "redis:7" },
    ],
  },
};

/** A context whose API answers an empty pod list until `appearsAfterMs` of virtual sleep. */
function podsAppearingAfter(appearsAfterMs: number) {
  let slept = 0;
  const ctx = {
    session: DEFAULT_SESSION,
    stdin: "",
    env: {
      now: () => slept,
      sleep: async (ms: number) => {
        slept += ms;
      },
      state: async () => {
        throw new Error("unused");
      },
      etcdStep: async () => {
        throw new Error("unused");
      },
      request: async (req: { path: string }): Promise<ApiResponse> => {
        if (req.path === "/apis/apps/v1/namespaces/default/deployments/late")
          return object({ spec: { selector: { matchLabels: { app: "late" } } } });
        if (req.path === "/api/v1/namespaces/default/pods")
          return object({
            items: slept >= appearsAfterMs ? [{ metadata: { name: "late-1" } }] : [],
          });
        throw new Error(`unexpected ${req.path}`);
      },
    },
  } as unknown as CommandContext;
  return { ctx, slept: () => slept };
}
const object = (body: unknown) => ({ kind: "object", code: 200, body }) as unknown as ApiResponse;

describe("kubectl logs", () => {
  it("TYPE/NAME waits for a pod on virtual time, then gives kubectl's timeout error", async () => {
    const { run, env } = labTerminal("logs-wait");
    expect((await run("kubectl create deployment idle --image=nginx --replicas=0")).exitCode).toBe(
      0,
    );
    const before = env.now();
    const r = await run("kubectl logs deploy/idle --pod-running-timeout=5s");
    expect(r).toMatchObject({
      exitCode: 1,
      stderr: "error: timed out waiting for the condition\n",
    });
    expect(env.now() - before).toBe(5000);
  });

  it("a pod that appears while kubectl waits is used, alone (no 'Found N pods' line)", async () => {
    const { ctx, slept } = podsAppearingAfter(3000);
    const r = await attachablePod("deploy/late", "default", ctx, { purpose: "logs" });
    expect(r).toEqual({ name: "late-1", notice: "" });
    expect(slept()).toBe(3000);
    const none = podsAppearingAfter(60_000);
    await expect(
      attachablePod("deploy/late", "default", none.ctx, { purpose: "logs", timeoutMs: 2000 }),
    ).rejects.toThrow("error: timed out waiting for the condition");
    expect(none.slept()).toBe(2000);
  });

  it("several pods: 'Found N pods, using pod/…' also when the log request then fails", async () => {
    const { run, env } = labTerminal("logs-found");
    await run("kubectl create deployment web --image=nginx --replicas=2");
    env.advance(1500); // pods exist, containers still being created
    const r = await run("kubectl logs deploy/web -c nope");
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(
      /^Found 2 pods, using pod\/web-[a-z0-9]+-[a-z0-9]+\nerror: container nope is not valid for pod web-/,
    );
  });

  it("defaults the container with kubectl's notice, checks -c, --all-containers and --prefix", async () => {
    const { run, env } = labTerminal("logs-containers");
    const created = await env.request({
      method: "POST",
      path: "/api/v1/namespaces/default/pods",
      body: DUO,
    });
    expect(created.code).toBe(201);
    env.advance(30_000);
    const def = await run("kubectl logs duo");
    expect(def.stderr).toBe('Defaulted container "a" out of: a, b\n');
    expect(def.stdout).toContain("nginx");
    expect((await run("kubectl logs duo -c zzz")).stderr).toBe(
      "error: container zzz is not valid for pod duo\n",
    );
    expect((await run("kubectl logs duo b -c a")).stderr).toBe(
      "error: only one of -c or an inline [CONTAINER] arg is allowed\n",
    );
    expect((await run("kubectl logs duo --all-containers -c a")).stderr).toBe(
      "error: --all-containers=true should not be specified with container name a\n",
    );
    // redis:7 logs nothing in the simulation: every line is a's, prefixed.
    const all = await run("kubectl logs duo --all-containers --prefix");
    const plain = (await run("kubectl logs duo -c a")).stdout.trimEnd().split("\n");
    expect(all.stdout.trimEnd().split("\n")).toEqual(plain.map((l) => `[pod/duo/a] ${l}`));
  });

  it("-l: every matching pod, follow limited by --max-log-requests, none found on stderr", async () => {
    const { run, env } = labTerminal("logs-selector");
    await run("kubectl create deployment web --image=nginx --replicas=2");
    env.advance(30_000);
    const r = await run("kubectl logs -l app=web --tail=1 --prefix");
    expect(r.stdout.trimEnd().split("\n")).toHaveLength(2);
    expect(r.stdout).toMatch(/^\[pod\/web-[^/]+\/nginx\] /);
    expect((await run("kubectl logs -f -l app=web --max-log-requests=1")).stderr).toBe(
      "error: you are attempting to follow 2 log streams, but maximum allowed concurrency is 1, use --max-log-requests to increase the limit\n",
    );
    expect(await run("kubectl logs -l app=none")).toMatchObject({
      exitCode: 0,
      stdout: "",
      stderr: "No resources found in default namespace.\n",
    });
    expect((await run("kubectl logs -l app=web somepod")).stderr).toBe(
      "error: only a selector (-l) or a POD name is allowed\nSee 'kubectl logs -h' for help and examples\n",
    );
  });

  it("-l without --tail asks for the last 10 lines of each container, --tail=-1 for all", async () => {
    const { run, env } = labTerminal("logs-selector-tail");
    await run("kubectl create deployment web --image=nginx");
    env.advance(30_000);
    const seen: (Record<string, string> | undefined)[] = [];
    const request = env.request.bind(env);
    env.request = async (req) => {
      if (req.path.endsWith("/log")) seen.push(req.query as Record<string, string>);
      return request(req);
    };
    await run("kubectl logs -l app=web");
    await run("kubectl logs -l app=web --tail=-1");
    await run("kubectl logs deploy/web");
    expect(seen.map((q) => q?.tailLines)).toEqual(["10", undefined, undefined]);
  });

  it("validates --since, --tail and --limit-bytes as kubectl does", async () => {
    const { run } = labTerminal("logs-validate");
    expect((await run("kubectl logs p --since=bogus")).stderr).toBe(
      'error: invalid argument "bogus" for "--since" flag: time: invalid duration "bogus"\nSee \'kubectl logs --help\' for usage.\n',
    );
    expect((await run("kubectl logs p --since=-1s")).stderr).toBe(
      "error: --since must be greater than 0\n",
    );
    expect((await run("kubectl logs p --tail=-2")).stderr).toBe(
      "error: --tail must be greater than or equal to -1\n",
    );
    expect((await run("kubectl logs p --limit-bytes=-1")).stderr).toBe(
      "error: --limit-bytes must be greater than 0\n",
    );
  });
});
