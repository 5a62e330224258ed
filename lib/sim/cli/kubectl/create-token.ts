// kubectl create token SERVICE_ACCOUNT (create_token.go): kubectl's own checks, then a
// TokenRequest to serviceaccounts/<name>/token; the token alone (with a newline, as on
// a terminal) or the whole TokenRequest with -o.

import { CliError } from "../errors";
import type { CommandContext, CommandResult } from "../types";
import { flagString, type FlagSpec, type ParsedArgs } from "./flags";
import { printerFor } from "./output";

export const TOKEN_FLAGS: FlagSpec[] = [
  { name: "audience", type: "stringArray" },
  { name: "duration", type: "string" },
  { name: "bound-object-kind", type: "string" },
  { name: "bound-object-name", type: "string" },
  { name: "bound-object-uid", type: "string" },
];

/** Without KUBECTL_NODE_BOUND_TOKENS, kubectl 1.28 binds tokens to these kinds only. */
const BOUND_KINDS: Record<string, string> = { Pod: "v1", Secret: "v1" };

const UNIT_NS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  μs: 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

/** time.ParseDuration in nanoseconds, or pflag's usage error with Go's message. */
export function parseGoDuration(text: string): number {
  const fail = (why: string) =>
    new CliError(
      `error: invalid argument "${text}" for "--duration" flag: time: ${why}\nSee 'kubectl create token --help' for usage.`,
    );
  let s = text;
  const sign = s.startsWith("-") ? -1 : 1;
  if (s.startsWith("-") || s.startsWith("+")) s = s.slice(1);
  if (s === "0") return 0;
  if (!s) throw fail(`invalid duration "${text}"`);
  let total = 0;
  while (s) {
    const num = /^[0-9]*(\.[0-9]*)?/.exec(s)![0];
    if (num === "" || num === ".") throw fail(`invalid duration "${text}"`);
    s = s.slice(num.length);
    const unit = /^[^0-9.]*/.exec(s)![0];
    if (!unit) throw fail(`missing unit in duration "${text}"`);
    const scale = UNIT_NS[unit];
    if (scale === undefined) throw fail(`unknown unit "${unit}" in duration "${text}"`);
    total += Number(num) * scale;
    s = s.slice(unit.length);
  }
  return sign * Math.round(total);
}

function validate(p: ParsedArgs, ns: string): number {
  if (!ns) throw new CliError("error: --namespace is required");
  const durationNs = parseGoDuration(flagString(p, "duration") ?? "0");
  if (durationNs < 0) throw new CliError("error: --duration must be positive");
  if (durationNs % 1e9 !== 0)
    throw new CliError("error: --duration cannot be expressed in units less than seconds");
  for (const aud of p.flags.get("audience") ?? [])
    if (!aud) throw new CliError("error: --audience must not be an empty string");
  const kind = flagString(p, "bound-object-kind") ?? "";
  const name = flagString(p, "bound-object-name") ?? "";
  const uid = flagString(p, "bound-object-uid") ?? "";
  if (!kind) {
    if (name)
      throw new CliError(
        "error: --bound-object-name can only be set if --bound-object-kind is provided",
      );
    if (uid)
      throw new CliError(
        "error: --bound-object-uid can only be set if --bound-object-kind is provided",
      );
  } else {
    if (!BOUND_KINDS[kind])
      throw new CliError(
        `error: supported --bound-object-kind values are ${Object.keys(BOUND_KINDS).sort().join(", ")}`,
      );
    if (!name)
      throw new CliError(
        "error: --bound-object-name is required if --bound-object-kind is provided",
      );
  }
  return durationNs / 1e9;
}

export async function createToken(
  name: string,
  p: ParsedArgs,
  ctx: CommandContext,
): Promise<CommandResult> {
  const ns = flagString(p, "namespace") ?? ctx.session.namespace;
  const seconds = validate(p, ns);
  const kind = flagString(p, "bound-object-kind") ?? "";
  const audiences = p.flags.get("audience") ?? [];
  const resp = await ctx.env.request({
    method: "POST",
    path: `/api/v1/namespaces/${ns}/serviceaccounts/${name}/token`,
    body: {
      kind: "TokenRequest",
      apiVersion: "authentication.k8s.io/v1",
      metadata: { creationTimestamp: null },
      spec: {
        audiences: audiences.length ? audiences : null,
        ...(seconds > 0 ? { expirationSeconds: seconds } : {}),
        boundObjectRef: kind
          ? {
              kind,
              apiVersion: BOUND_KINDS[kind],
              name: flagString(p, "bound-object-name"),
              ...(flagString(p, "bound-object-uid")
                ? { uid: flagString(p, "bound-object-uid") }
                : {}),
            }
          : null,
      },
      status: { token: "", expirationTimestamp: null },
    },
  });
  if (resp.kind === "status")
    throw new CliError(`error: failed to create token: ${resp.body.message ?? ""}`);
  if (resp.kind !== "object")
    throw new CliError("error: failed to create token: no token in server response");
  const body = resp.body as { status?: { token?: string } };
  const token = body.status?.token ?? "";
  if (!token) throw new CliError("error: failed to create token: no token in server response");
  const output = flagString(p, "output");
  const printer = output ? printerFor(output, false, true) : undefined;
  if (printer)
    return {
      stdout: printer.print([resp.body as never], true, () => "tokenrequest.authentication.k8s.io"),
      stderr: "",
      exitCode: 0,
    };
  // kubectl adds the newline only when stdout is a terminal, which the lab's is.
  return { stdout: `${token}\n`, stderr: "", exitCode: 0 };
}
