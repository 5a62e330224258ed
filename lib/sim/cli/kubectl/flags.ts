// kubectl's flag parsing (spf13/pflag): --long, --long=value, --long value, -s value,
// -svalue, bool flags without a value, `--` ends the flags. Errors carry pflag's
// and cobra's exact texts: kubectl prints them and exits 1.

import { CliError } from "../errors";

export interface FlagSpec {
  name: string;
  short?: string;
  /**
   * "bool" flags take no separate argument (`--flag=false` still works). "array" is
   * pflag's StringSlice (values split on commas), "stringArray" its StringArray (each
   * occurrence kept whole, commas included: kubectl create ingress --rule).
   */
  type: "bool" | "string" | "array" | "stringArray" | "int";
}

export interface ParsedArgs {
  positional: string[];
  flags: Map<string, string[]>;
  /** Arguments after `--` (kubectl exec's command). */
  rest: string[];
  dashDash: boolean;
}

/** Flags every kubectl command accepts (a subset of kubectl's global flags). */
export const GLOBAL_FLAGS: FlagSpec[] = [
  { name: "namespace", short: "n", type: "string" },
  { name: "context", type: "string" },
  { name: "kubeconfig", type: "string" },
  { name: "cluster", type: "string" },
  { name: "user", type: "string" },
  { name: "as", type: "string" },
  { name: "as-group", type: "array" },
  { name: "request-timeout", type: "string" },
  { name: "server", short: "s", type: "string" },
  { name: "insecure-skip-tls-verify", type: "bool" },
  { name: "v", short: "v", type: "string" },
  { name: "help", short: "h", type: "bool" },
];

function usageError(msg: string, cmdPath: string): CliError {
  return new CliError(`error: ${msg}\nSee '${cmdPath} --help' for usage.`, 1);
}

interface FlagIndex {
  byName: Map<string, FlagSpec>;
  byShort: Map<string, FlagSpec>;
}

// A command's flag table is a module constant: its lookup maps (with the global flags)
// are built once per table, not on every command line.
const indexes = new WeakMap<readonly FlagSpec[], FlagIndex>();

function flagIndex(specs: readonly FlagSpec[]): FlagIndex {
  let index = indexes.get(specs);
  if (!index) {
    const all = [...GLOBAL_FLAGS, ...specs];
    index = {
      byName: new Map(all.map((s) => [s.name, s])),
      byShort: new Map(all.filter((s) => s.short).map((s) => [s.short!, s])),
    };
    indexes.set(specs, index);
  }
  return index;
}

export function parseFlags(
  args: readonly string[],
  specs: readonly FlagSpec[],
  cmdPath: string,
): ParsedArgs {
  const { byName, byShort } = flagIndex(specs);
  const out: ParsedArgs = { positional: [], flags: new Map(), rest: [], dashDash: false };
  const set = (spec: FlagSpec, value: string) => {
    if (spec.type === "bool" && !/^(true|false|1|0|t|f|TRUE|FALSE|True|False)$/.test(value))
      throw usageError(
        `invalid argument "${value}" for "${spec.short ? `-${spec.short}, ` : ""}--${spec.name}" flag: strconv.ParseBool: parsing "${value}": invalid syntax`,
        cmdPath,
      );
    if (spec.type === "int" && !/^-?\d+$/.test(value))
      throw usageError(
        `invalid argument "${value}" for "${spec.short ? `-${spec.short}, ` : ""}--${spec.name}" flag: strconv.ParseInt: parsing "${value}": invalid syntax`,
        cmdPath,
      );
    const prev = out.flags.get(spec.name) ?? [];
    out.flags.set(
      spec.name,
      spec.type === "array"
        ? [...prev, ...value.split(",")]
        : spec.type === "stringArray"
          ? [...prev, value]
          : [value],
    );
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--") {
      out.dashDash = true;
      out.rest = args.slice(i + 1);
      break;
    }
    if (a.startsWith("--") && a.length > 2) {
      const eq = a.indexOf("=");
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const spec = byName.get(name);
      if (!spec) throw usageError(`unknown flag: --${name}`, cmdPath);
      if (eq >= 0) set(spec, a.slice(eq + 1));
      else if (spec.type === "bool") set(spec, "true");
      else if (i + 1 < args.length) set(spec, args[++i]!);
      else throw usageError(`flag needs an argument: --${name}`, cmdPath);
    } else if (a.startsWith("-") && a.length > 1) {
      // Shorthand cluster: -it, -owide, -n kube-system, -n=kube-system.
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        const spec = byShort.get(c);
        if (!spec) throw usageError(`unknown shorthand flag: '${c}' in ${a}`, cmdPath);
        if (spec.type === "bool") {
          if (a[j + 1] === "=") {
            set(spec, a.slice(j + 2));
            break;
          }
          set(spec, "true");
          continue;
        }
        let value = a.slice(j + 1);
        if (value.startsWith("=")) value = value.slice(1);
        if (value === "" && j === a.length - 1) {
          if (i + 1 >= args.length)
            throw usageError(`flag needs an argument: '${c}' in -${c}`, cmdPath);
          value = args[++i]!;
        }
        set(spec, value);
        break;
      }
    } else out.positional.push(a);
  }
  return out;
}

export const flagString = (p: ParsedArgs, name: string): string | undefined =>
  p.flags.get(name)?.[0];
export const flagBool = (p: ParsedArgs, name: string): boolean => {
  const v = p.flags.get(name)?.[0];
  return v !== undefined && /^(true|1|t|TRUE|True)$/.test(v);
};
export const flagArray = (p: ParsedArgs, name: string): string[] => p.flags.get(name) ?? [];
