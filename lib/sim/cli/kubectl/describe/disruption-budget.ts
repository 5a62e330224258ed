// describe poddisruptionbudget (policy/v1), as kubectl 1.28's describer prints it.

/* eslint-disable @typescript-eslint/no-explicit-any -- API objects are read as loose JSON */
import type { DescribeContext } from "./context";
import { formatSelector } from "./workloads";
import { describeEvents, PrefixWriter } from "./writer";

export async function describePodDisruptionBudget(pdb: any, d: DescribeContext): Promise<string> {
  const events = await d.events(pdb);
  const spec = pdb.spec ?? {};
  const status = pdb.status ?? {};
  const w = new PrefixWriter();
  w.write(0, `Name:\t${pdb.metadata.name}\n`);
  w.write(0, `Namespace:\t${pdb.metadata.namespace}\n`);
  if (spec.minAvailable !== undefined) w.write(0, `Min available:\t${spec.minAvailable}\n`);
  else if (spec.maxUnavailable !== undefined)
    w.write(0, `Max unavailable:\t${spec.maxUnavailable}\n`);
  w.write(0, `Selector:\t${spec.selector ? formatSelector(spec.selector) : "<unset>"}\n`);
  w.write(0, "Status:\n");
  w.write(2, `Allowed disruptions:\t${status.disruptionsAllowed ?? 0}\n`);
  w.write(2, `Current:\t${status.currentHealthy ?? 0}\n`);
  w.write(2, `Desired:\t${status.desiredHealthy ?? 0}\n`);
  w.write(2, `Total:\t${status.expectedPods ?? 0}\n`);
  describeEvents(w, events, d.now);
  return w.toString();
}
