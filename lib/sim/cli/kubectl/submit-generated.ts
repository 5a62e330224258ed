// The tail every generator command shares (create <kind>, run, expose): POST the
// generated object unless --dry-run=client, then print it with -o or say
// "<kind>/<name> <verb>".

import type { KubeObject } from "../../apiserver/object";
import { builtinRegistry } from "../../apiserver/resources/registry";
import type { CommandContext, CommandResult } from "../types";
import { collectionPath, kindName, serverError } from "./api";
import { flagString, type ParsedArgs } from "./flags";
import { printerFor } from "./output";
import { dryRunQuery, dryRunSuffix } from "./write-flags";

/** Kinds whose generated typed object serializes an empty status (`status: {}`). */
const EMPTY_STATUS: Record<string, unknown> = {
  Pod: {},
  Deployment: {},
  Job: {},
  Namespace: {},
  ResourceQuota: {},
  Service: { loadBalancer: {} },
  // PodDisruptionBudgetStatus's counters have no omitempty.
  PodDisruptionBudget: {
    currentHealthy: 0,
    desiredHealthy: 0,
    disruptionsAllowed: 0,
    expectedPods: 0,
  },
};

/**
 * What kubectl prints for a client dry run (-o yaml/json): its generated typed
 * object, so `creationTimestamp: null`, an empty status where the type has one,
 * no namespace unless -n was given, and no defaults the server would add.
 */
export function clientDryRunView(obj: KubeObject, explicitNamespace: boolean): KubeObject {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- generated objects are loose JSON
  const o = structuredClone(obj) as any;
  const { namespace, ...meta } = o.metadata ?? {};
  o.metadata = {
    creationTimestamp: null,
    ...meta,
    ...(explicitNamespace && namespace ? { namespace } : {}),
  };
  if (o.spec?.template)
    o.spec.template.metadata = { creationTimestamp: null, ...o.spec.template.metadata };
  if (o.kind === "Namespace") o.spec ??= {};
  if (o.kind === "Secret") delete o.type;
  if (o.kind in EMPTY_STATUS) o.status ??= EMPTY_STATUS[o.kind];
  return o as KubeObject;
}

export async function submitGenerated(
  ctx: CommandContext,
  obj: KubeObject,
  p: ParsedArgs,
  verb: string,
  fieldManager: string,
): Promise<CommandResult> {
  const info = builtinRegistry.byApiVersionKind(obj.apiVersion, obj.kind)!;
  const dry = dryRunQuery(p);
  let created = obj;
  if (!dry.clientDryRun) {
    const resp = await ctx.env.request({
      method: "POST",
      path: collectionPath(info, info.namespaced ? obj.metadata.namespace : undefined),
      body: obj,
      query: { fieldManager, ...(dry.dryRun ? { dryRun: dry.dryRun } : {}) },
    });
    if (resp.kind !== "object" || resp.code >= 400) throw serverError(resp);
    created = resp.body as KubeObject;
  }
  const output = flagString(p, "output");
  const printer = output ? printerFor(output, false, true) : undefined;
  if (printer) {
    const shown = dry.clientDryRun ? clientDryRunView(created, p.flags.has("namespace")) : created;
    return { stdout: printer.print([shown], true, () => kindName(info)), stderr: "", exitCode: 0 };
  }
  return {
    stdout: `${kindName(info)}/${created.metadata.name} ${verb}${dryRunSuffix(p)}\n`,
    stderr: "",
    exitCode: 0,
  };
}
