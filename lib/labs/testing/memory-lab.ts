// Test helper: a lab's start state in memory, its terminal, and the traces it
// records (collected after every step, since the state's journal keeps only 50).
import type { RequestTrace } from "@/lib/sim";
import { DEFAULT_SESSION, memoryEnv, runCommandLine } from "@/lib/sim/cli";
import { clusterEngineOptions } from "@/lib/sim/cluster/loops";
import type { GradeInput } from "../grade/context";
import { gradeLab, type LabGrade } from "../grade/grade-lab";
import type { LabDefinition } from "../schema/lab-schema";
import { applyLabControl } from "../control/lab-control";
import { runSolution, type SolutionRunner } from "../solution/run-solution";
import { buildLabStart, type LabStart } from "../start/build-start";

export const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

/** `start`: the lab's start to work on (default: built for `def` with `seed` at T0). */
export function memoryLab(
  def: LabDefinition,
  seed = "lab-test",
  start: LabStart = buildLabStart(def, seed, T0),
) {
  const files: Record<string, string> = {};
  const engine = clusterEngineOptions();
  const env = memoryEnv(start.state, engine, files);
  const traces: RequestTrace[] = [];
  const seen = new Set<string>();
  const collect = () => {
    for (const t of env.current().journal.traces) {
      const key = `${t.auditID}`;
      if (!seen.has(key)) {
        seen.add(key);
        traces.push(t);
      }
    }
  };
  const runner: SolutionRunner = {
    writeFile: async (path, content) => {
      files[path] = content;
    },
    control: async (control) => {
      const out = await env.etcdStep((state) => {
        const r = applyLabControl(state, control, engine);
        return { state: r.state, changes: r.changes, result: r };
      });
      for (const t of out.traces) traces.push(t);
      collect();
    },
    run: async (line) => {
      const out = await runCommandLine(line, env, DEFAULT_SESSION);
      collect();
      return out;
    },
    wait: async (ms) => {
      for (let t = 0; t < ms; t += 1000) {
        env.advance(Math.min(1000, ms - t));
        collect();
      }
    },
  };
  const input = (): GradeInput => ({ state: env.current(), traces });
  return {
    env,
    runner,
    input,
    grade: (): LabGrade => gradeLab(def, input()),
    solveTask: (i: number, saved: Record<string, string> = {}) =>
      runSolution(def.tasks[i]!.solution, runner, saved),
  };
}
