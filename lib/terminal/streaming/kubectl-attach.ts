// `kubectl attach POD [-c C] [-i] [-t]` in the terminal: kubectl's own checks, its
// messages in its order (measured with kubectl 1.28 against the REST face, which
// attaches for real), then the attached container's live output until Ctrl-C. The
// simulated processes write nothing live (as on the REST face), so the stream stays
// silent, exactly like the real kubectl attached to a quiet container.

import { CliError } from "@/lib/sim/cli";
import { expectObject } from "@/lib/sim/cli/kubectl/api";
import { attachablePod } from "@/lib/sim/cli/kubectl/attachable-pod";
import { defaultContainer, defaultedNotice } from "@/lib/sim/cli/kubectl/default-container";
import { flagBool, flagString, parseFlags } from "@/lib/sim/cli/kubectl/flags";
import { EMPTY, type Chunk, type SourceContext, type StreamSource } from "./source";

export const ATTACH_HINT = "If you don't see a command prompt, try pressing enter.\n";

interface AttachPod {
  metadata?: { annotations?: Record<string, string> };
  spec: {
    nodeName?: string;
    containers: { name: string; tty?: boolean }[];
    initContainers?: { name: string; tty?: boolean }[];
    ephemeralContainers?: { name: string; tty?: boolean }[];
  };
  status?: {
    phase?: string;
    containerStatuses?: { name: string; state?: { running?: unknown } }[];
  };
}

/** The first chunk: kubectl's messages, or a refusal (exit 1) - printed after the hint when the connection is refused. */
async function attachOnce(head: readonly string[], ctx: SourceContext): Promise<Chunk> {
  const p = parseFlags(
    head.slice(2),
    [
      { name: "stdin", short: "i", type: "bool" },
      { name: "tty", short: "t", type: "bool" },
      { name: "container", short: "c", type: "string" },
      { name: "quiet", short: "q", type: "bool" },
      { name: "pod-running-timeout", type: "string" },
    ],
    "kubectl attach",
  );
  const podArg = p.positional[0];
  if (!podArg) throw new CliError("error: at least 1 argument is required for attach");
  const cctx = { env: ctx.env, session: ctx.session, stdin: "" };
  const ns = flagString(p, "namespace") ?? ctx.session.namespace;
  const { name, notice } = await attachablePod(podArg, ns, cctx);
  const pod = expectObject<AttachPod>(
    await ctx.env.request({
      method: "GET",
      path: `/api/v1/namespaces/${ns}/pods/${encodeURIComponent(name)}`,
    }),
  );
  const phase = pod.status?.phase;
  if (phase === "Succeeded" || phase === "Failed")
    throw new CliError(
      `error: cannot attach a container in a completed pod; current phase is ${phase}`,
    );
  const wanted = flagString(p, "container");
  const all = [
    ...pod.spec.containers,
    ...(pod.spec.initContainers ?? []),
    ...(pod.spec.ephemeralContainers ?? []),
  ];
  const chosen = wanted ?? defaultContainer(pod);
  const container = all.find((c) => c.name === chosen);
  if (!container) throw new CliError(`error: container not found (${wanted})`);
  const quiet = flagBool(p, "quiet");
  let stderr = notice + (wanted || quiet ? "" : defaultedNotice(pod));
  if (flagBool(p, "tty") && !container.tty && !quiet)
    stderr += `error: Unable to use a TTY - container ${container.name} did not allocate one\n`;
  if (!quiet) stderr += ATTACH_HINT;
  // Then the connection: kube-apiserver's refusal (no node) and the kubelet's (not running).
  if (!pod.spec.nodeName)
    return {
      stdout: "",
      stderr: `${stderr}Error from server (BadRequest): pod ${name} does not have a host assigned\n`,
      exit: 1,
    };
  const running = pod.status?.containerStatuses?.find((s) => s.name === container.name)?.state
    ?.running;
  if (!running)
    return {
      stdout: "",
      stderr: `${stderr}error: unable to upgrade connection: container not found ("${container.name}")\n`,
      exit: 1,
    };
  return { stdout: "", stderr };
}

export function kubectlAttach(head: readonly string[], ctx: SourceContext): StreamSource {
  let first = true;
  return {
    next: async () => {
      if (!first) return EMPTY;
      first = false;
      return attachOnce(head, ctx);
    },
  };
}
