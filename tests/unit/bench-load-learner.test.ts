// The load benchmark's learner script judged against the engine itself: every
// command it types must give the answer Kubernetes 1.28 gives (the kube-scheduler
// Endpoints lookup is a NotFound there), so the bench's error count only holds
// answers that are really wrong.
import { describe, expect, it } from "vitest";
import {
  deploymentsCreated,
  roundsOf,
  SCRIPT,
  unexpectedResult,
  type ScriptStep,
} from "../../bench/load/learner";
import { createClusterSandbox } from "@/lib/sim/cluster/default-cluster";
import { clusterEngineOptions } from "@/lib/sim/cluster/loops";
import { memoryEnv } from "@/lib/sim/cli/memory-env";
import { runCommandLine } from "@/lib/sim/cli/shell/run";
import { T0 } from "@/lib/sim/cli/testing";
import { DEFAULT_SESSION } from "@/lib/sim/cli/types";

const ENDPOINTS_STEP = SCRIPT.find((s) => s.fails)!;
const READ_STEP = SCRIPT[0]!;

describe("bench:load learner script against the engine", () => {
  it("gets the expected answer for each of a 30-command session and its clean-up", async () => {
    const sb = createClusterSandbox({ seed: "bench-learner", now: T0 });
    const env = memoryEnv(sb.state, clusterEngineOptions());
    const wrong: string[] = [];
    const judge = async (step: ScriptStep, round: number) => {
      const result = await runCommandLine(step.command(round), env, DEFAULT_SESSION);
      const why = unexpectedResult(step, 200, JSON.stringify(result));
      if (why) wrong.push(`${step.command(round)}: ${why}`);
    };
    for (let i = 0; i < 30; i++) {
      await judge(SCRIPT[i % SCRIPT.length]!, Math.floor(i / SCRIPT.length));
      env.advance(200);
    }
    const names = deploymentsCreated(30);
    expect(names).toEqual(["web-0", "web-1"]);
    await judge({ command: () => `kubectl delete deployment ${names.join(" ")}`, writes: true }, 0);
    expect(wrong).toEqual([]);
  }, 60_000);

  it("gets them again in a second session on the same sandbox that starts past the first one's rounds", async () => {
    // bench:load's closed-loop phase types into the sandbox the lab session left behind.
    const sb = createClusterSandbox({ seed: "bench-learner-2", now: T0 });
    const env = memoryEnv(sb.state, clusterEngineOptions());
    const wrong: string[] = [];
    const session = async (commands: number, firstRound: number) => {
      for (let i = 0; i < commands; i++) {
        const step = SCRIPT[i % SCRIPT.length]!;
        const round = firstRound + Math.floor(i / SCRIPT.length);
        const result = await runCommandLine(step.command(round), env, DEFAULT_SESSION);
        const why = unexpectedResult(step, 200, JSON.stringify(result));
        if (why) wrong.push(`${step.command(round)}: ${why}`);
      }
    };
    await session(20, 0);
    expect(roundsOf(20)).toBe(2);
    await session(20, roundsOf(20));
    expect(deploymentsCreated(20, roundsOf(20))).toEqual(["web-2", "web-3"]);
    expect(wrong).toEqual([]);
    // Starting at round 0 again would create web-0 a second time.
    const again = await runCommandLine(SCRIPT[2]!.command(0), env, DEFAULT_SESSION);
    expect(again.exitCode).toBe(1);
  }, 60_000);
});

describe("unexpectedResult", () => {
  const answer = (exitCode: number, stderr = "") =>
    JSON.stringify({ stdout: "", stderr, exitCode });

  it("accepts kubectl's NotFound for the kube-scheduler Endpoints and nothing else", () => {
    const notFound = 'Error from server (NotFound): endpoints "kube-scheduler" not found\n';
    expect(unexpectedResult(ENDPOINTS_STEP, 200, answer(1, notFound))).toBeUndefined();
    expect(unexpectedResult(ENDPOINTS_STEP, 200, answer(0))).toBe("exit code 0, expected 1");
    expect(
      unexpectedResult(ENDPOINTS_STEP, 200, answer(1, "Error from server (Forbidden)")),
    ).toMatch(/^stderr /);
  });

  it("counts a failed command, an HTTP error and a body that is not JSON", () => {
    expect(unexpectedResult(READ_STEP, 200, answer(0))).toBeUndefined();
    expect(unexpectedResult(READ_STEP, 200, answer(1, "boom"))).toBe('exit code 1: "boom"');
    expect(unexpectedResult(READ_STEP, 503, "{}")).toBe("HTTP 503");
    expect(unexpectedResult(READ_STEP, 200, "<html>")).toBe("not JSON");
  });

  it("names one Deployment per pass over the script", () => {
    expect(deploymentsCreated(2)).toEqual([]);
    expect(deploymentsCreated(3)).toEqual(["web-0"]);
    expect(deploymentsCreated(45)).toEqual(["web-0", "web-1", "web-2"]);
  });
});
