// kubectl explain: the kind's schema from the OpenAPI v3 document the sandbox's
// REST face serves (lib/k8s-api/openapi.ts), printed with kubectl 1.28's
// plaintext template — so the terminal shows what a real kubectl shows against
// the same sandbox. Built-in kinds carry their top-level fields only there.

/* eslint-disable @typescript-eslint/no-explicit-any -- OpenAPI schemas are loose JSON */
import { openApiDocument, schemaName } from "../../../k8s-api/openapi";
import { CliError } from "../errors";
import type { CommandContext, CommandResult } from "../types";
import { discover } from "./api";
import { flagBool, flagString, parseFlags } from "./flags";

/** mitchellh/go-wordwrap.WrapString: break before a word that would pass `lim`. */
export function wordWrap(text: string, lim: number): string {
  return text
    .split("\n")
    .map((para) => {
      const lines: string[] = [];
      let cur = "";
      for (const word of para.split(" ").filter((w, i, a) => w !== "" || i === a.length - 1)) {
        if (cur && cur.length + 1 + word.length > lim) {
          lines.push(cur);
          cur = word;
        } else cur = cur ? `${cur} ${word}` : word;
      }
      lines.push(cur);
      return lines.join("\n");
    })
    .join("\n");
}

const indent = (text: string, n: number) =>
  text
    .split("\n")
    .map((l) => " ".repeat(n) + l)
    .join("\n");

function resolveRef(doc: any, s: any): any {
  const ref = s?.$ref ?? s?.allOf?.[0]?.$ref;
  if (!ref) return undefined;
  return doc.components?.schemas?.[String(ref).replace("#/components/schemas/", "")];
}

function typeName(s: any): string {
  const ref: string | undefined = s?.$ref ?? s?.allOf?.[0]?.$ref;
  if (ref) return ref.split(".").pop()!;
  if (s?.type === "array") return `[]${typeName(s.items ?? {})}`;
  if (s?.type === "object" && s.additionalProperties && !s.properties)
    return `map[string]${typeName(s.additionalProperties)}`;
  if (s?.type === "object") return "Object";
  return s?.type ?? "Object";
}

function fieldsOf(doc: any, s: any): [string, any][] {
  const target = resolveRef(doc, s) ?? s;
  const holder =
    target?.type === "array" ? (resolveRef(doc, target.items) ?? target.items) : target;
  return Object.entries(holder?.properties ?? {}).sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

function descriptionBlock(descs: string[]): string {
  const text = descs
    .filter(Boolean)
    .map((d) => wordWrap(d, 76))
    .join("\n");
  return `DESCRIPTION:\n${indent(text, 4)}\n    \n`;
}

function recursiveFields(doc: any, s: any, depth: number, seen: Set<any>): string {
  let out = "";
  for (const [name, f] of fieldsOf(doc, s)) {
    out += `${"  ".repeat(depth)}${name}\t<${typeName(f)}>\n`;
    const next = resolveRef(doc, f) ?? f;
    if (!seen.has(next)) out += recursiveFields(doc, f, depth + 1, new Set([...seen, next]));
  }
  return out;
}

export async function kubectlExplain(
  args: readonly string[],
  ctx: CommandContext,
): Promise<CommandResult> {
  const p = parseFlags(
    args,
    [
      { name: "recursive", type: "bool" },
      { name: "api-version", type: "string" },
      { name: "output", type: "string" },
    ],
    "kubectl explain",
  );
  const target = p.positional[0];
  if (!target)
    throw new CliError(
      `error: You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.`,
    );
  const [resArg, ...path] = target.split(".");
  const reg = await discover(ctx.env);
  // "deployments.apps" style arguments: the longest prefix naming a resource wins.
  let info = reg.resolve(resArg!);
  let fieldPath = path;
  for (let i = path.length; i > 0 && !info; i--) {
    const hit = reg.resolve([resArg, ...path.slice(0, i)].join("."));
    if (hit) {
      info = hit;
      fieldPath = path.slice(i);
    }
  }
  // kubectl prints this one without its usual "error: " prefix.
  if (!info) throw new CliError(`the server doesn't have a resource type "${resArg}"`);
  const gvPath = info.group ? `apis/${info.group}/${info.version}` : `api/${info.version}`;
  const doc = openApiDocument(reg, gvPath) as any;
  let schema = doc?.components?.schemas?.[schemaName(info)];
  let stdout = `${info.group ? `GROUP:      ${info.group}\n` : ""}KIND:       ${info.kind}\nVERSION:    ${info.version}\n\n`;
  let field: { name: string; schema: any } | undefined;
  for (const name of fieldPath) {
    const hit = fieldsOf(doc, schema).find(([n]) => n === name);
    if (!hit) return { stdout, stderr: `error: field "${name}" does not exist\n`, exitCode: 1 };
    field = { name, schema: hit[1] };
    schema = hit[1];
  }
  if (field) stdout += `FIELD: ${field.name} <${typeName(field.schema)}>\n\n`;
  const refd = resolveRef(doc, schema);
  stdout += descriptionBlock([
    schema?.description,
    ...(refd && refd !== schema ? [refd.description] : []),
  ]);
  const fields = fieldsOf(doc, schema);
  if (fields.length) {
    stdout += "FIELDS:\n";
    if (flagBool(p, "recursive"))
      stdout += `${recursiveFields(doc, schema, 1, new Set([schema]))}\n`;
    else {
      for (const [name, f] of fields) {
        const required = (refd ?? schema)?.required?.includes(name) ? " -required-" : "";
        stdout += `  ${name}\t<${typeName(f)}>${required}\n${indent(wordWrap(f.description ?? "", 76), 4)}\n\n`;
      }
    }
  }
  // The plaintext template ends with a blank line, fields or not.
  stdout += "\n";
  void flagString;
  return { stdout, stderr: "", exitCode: 0 };
}
