// Tab completion data: the word being completed and its candidates, from the
// command table, kubectl's subcommands, resource kinds and object names.

import { builtinRegistry } from "../apiserver/resources/registry";
import { KUBECTL_COMMANDS } from "./kubectl/kubectl";
import { COMMANDS } from "./shell/run";
import type { CliEnv, Session } from "./types";

export interface Completion {
  /** The partial word at the cursor. */
  word: string;
  candidates: string[];
}

const RESOURCE_WORDS = [...new Set(builtinRegistry.all().map((e) => e.resource))].sort();
const VALUE_FLAGS = new Set([
  "-n",
  "--namespace",
  "-o",
  "--output",
  "-l",
  "--selector",
  "-c",
  "--container",
  "--context",
]);
const NAMED_VERBS = new Set([
  "get",
  "describe",
  "edit",
  "delete",
  "label",
  "annotate",
  "scale",
  "expose",
  "logs",
  "exec",
  "cordon",
  "uncordon",
  "drain",
]);

/** Flags whose value is a file: the learner's workspace files complete there. */
const FILE_FLAGS = new Set(["-f", "--filename", "--config"]);

export async function completions(
  line: string,
  env: CliEnv,
  session: Session,
): Promise<Completion> {
  const words = line.split(/\s+/);
  const word = words.pop() ?? "";
  const match = (xs: Iterable<string>) => [...xs].filter((x) => x.startsWith(word)).sort();
  if (words.length === 0) return { word, candidates: match(Object.keys(COMMANDS)) };
  const prog = words[0];
  if (FILE_FLAGS.has(words.at(-1)!) || prog === "cat")
    return { word, candidates: match(Object.keys(env.files ? await env.files() : {})) };
  if (prog !== "kubectl" && prog !== "k") return { word, candidates: [] };
  // Positional words only: flags and the values of flags that take one.
  const args: string[] = [];
  for (let i = 1; i < words.length; i++) {
    const w = words[i]!;
    if (VALUE_FLAGS.has(w)) i++;
    else if (!w.startsWith("-")) args.push(w);
  }
  if (args.length === 0) return { word, candidates: match(Object.keys(KUBECTL_COMMANDS)) };
  const verb = args[0]!;
  if (["logs", "exec", "cordon", "uncordon", "drain"].includes(verb)) {
    const resource = verb === "logs" || verb === "exec" ? "pods" : "nodes";
    const ns = namespaceOf(words, session);
    return {
      word,
      candidates: match(await names(env, resource, ns, "", "v1", resource === "pods")),
    };
  }
  if (args.length === 1 && NAMED_VERBS.has(verb))
    return { word, candidates: match(RESOURCE_WORDS) };
  if (args.length === 2 && NAMED_VERBS.has(verb)) {
    const info = builtinRegistry.resolve(args[1]!);
    if (!info) return { word, candidates: [] };
    return {
      word,
      candidates: match(
        await names(
          env,
          info.resource,
          namespaceOf(words, session),
          info.group,
          info.version,
          info.namespaced,
        ),
      ),
    };
  }
  return { word, candidates: [] };
}

function namespaceOf(words: string[], session: Session): string {
  const i = words.findIndex((w) => w === "-n" || w === "--namespace");
  return i >= 0 && words[i + 1] ? words[i + 1]! : session.namespace;
}

async function names(
  env: CliEnv,
  resource: string,
  ns: string,
  group = "",
  version = "v1",
  namespaced = true,
): Promise<string[]> {
  const base = group ? `/apis/${group}/${version}` : `/api/${version}`;
  const path = namespaced ? `${base}/namespaces/${ns}/${resource}` : `${base}/${resource}`;
  const resp = await env.request({ method: "GET", path });
  if (resp.kind !== "object" || resp.code >= 400) return [];
  return ((resp.body as { items?: { metadata: { name?: string } }[] }).items ?? []).map(
    (o) => o.metadata.name ?? "",
  );
}
