// Runs a task's reference solution the way a learner would: each line through the
// terminal, manifests piped to `kubectl apply -f -`, waits as virtual time passing.
// Tests use it against an in-memory sandbox and against a persisted one.
import type { CommandResult } from "@/lib/sim/cli";
import type { LabControl } from "../schema/control-schema";
import type { SolutionStep } from "../schema/lab-schema";

export interface SolutionRunner {
  /** Runs one terminal line. */
  run(line: string): Promise<CommandResult>;
  /** Lets virtual time pass. */
  wait(ms: number): Promise<void>;
  /** `kubectl apply -f -` with the manifest as stdin (the editor's "적용"); default: an echo pipe. */
  apply?(manifest: string): Promise<CommandResult>;
  /** Saves a file in the lab's editor workspace (what `--config f.yaml` and `-f f.yaml` read). */
  writeFile(path: string, content: string): Promise<void>;
  /** Uses the lab's control panel. */
  control(control: LabControl): Promise<void>;
}

export class SolutionStepError extends Error {
  override readonly name = "SolutionStepError";
}

const SAVED = /\[\[([a-zA-Z][a-zA-Z0-9]*)\]\]/g;

/** The terminal line of an apply step: the manifest piped in with echo, as a paste would do. */
export function applyLine(manifest: string): string {
  if (manifest.includes("'"))
    throw new SolutionStepError("a manifest piped with echo cannot contain a single quote");
  return `echo '${manifest}' | kubectl apply -f -`;
}

export async function runSolution(
  steps: readonly SolutionStep[],
  runner: SolutionRunner,
  saved: Record<string, string> = {},
): Promise<CommandResult[]> {
  const fill = (s: string) =>
    s.replace(SAVED, (m, name: string) => {
      if (!(name in saved)) throw new SolutionStepError(`[[${name}]] used before it was saved`);
      return saved[name]!;
    });
  const outputs: CommandResult[] = [];
  for (const step of steps) {
    if ("waitSeconds" in step) {
      await runner.wait(step.waitSeconds * 1000);
      continue;
    }
    if ("control" in step) {
      await runner.control(step.control);
      continue;
    }
    if ("file" in step) {
      await runner.writeFile(step.file, fill(step.content));
      continue;
    }
    const line = "apply" in step ? "kubectl apply -f -" : fill(step.run);
    const out =
      "apply" in step
        ? runner.apply
          ? await runner.apply(fill(step.apply))
          : await runner.run(applyLine(fill(step.apply)))
        : await runner.run(line);
    outputs.push(out);
    const expected = "run" in step ? step.expectExit : 0;
    if (out.exitCode !== expected)
      throw new SolutionStepError(`"${line.slice(0, 120)}" exited ${out.exitCode}: ${out.stderr}`);
    if ("run" in step && step.saveAs) {
      const text = out.stdout.trim();
      const m = step.extract ? new RegExp(step.extract).exec(text) : null;
      if (step.extract && !m?.[1])
        throw new SolutionStepError(`"${step.extract}" found nothing in: ${text.slice(0, 200)}`);
      saved[step.saveAs] = m?.[1] ?? text;
    }
  }
  return outputs;
}
