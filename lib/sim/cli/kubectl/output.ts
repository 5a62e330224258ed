// kubectl's non-table printers: -o yaml, json, name, jsonpath=…, custom-columns=….

import type { KubeObject } from "../../apiserver/object";
import { toGoYaml } from "../../topology/go-yaml";
import { tabwrite } from "../../kubeadm/tabwriter";
import { CliError } from "../errors";
import { jsonpath, jsonpathAsJson, JsonpathRunError, pathValues } from "./jsonpath";
import { goMarshal, goSprint } from "./go-value";
import { withTemplateTimestamps } from "../../apiserver/template-timestamps";
import { typedObject } from "../../apiserver/typed-order";
import { typedJson } from "./typed-json";

export const OUTPUT_FORMATS =
  "custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml";

/** encoding/json with sorted keys (unstructured maps), 4-space indent, HTML escaping. */
export function goJson(value: unknown): string {
  return goMarshal(value, "    ");
}

/** kubectl hides metadata.managedFields unless --show-managed-fields (printers.OmitManagedFieldsPrinter). */
export function withoutManagedFields<T extends KubeObject>(o: T): T {
  if (!o.metadata?.managedFields) return o;
  const { managedFields: _m, ...metadata } = o.metadata;
  void _m;
  return { ...o, metadata };
}

/** The v1 List kubectl prints when several objects are asked for as yaml/json. */
export function asList(items: readonly KubeObject[]): unknown {
  return { apiVersion: "v1", items, kind: "List", metadata: { resourceVersion: "" } };
}

export interface Printer {
  /** Prints objects fetched as a list (`get pods`) or one by one (`get pod a b`). */
  print(items: readonly KubeObject[], single: boolean, kindName: (o: KubeObject) => string): string;
}

function customColumns(spec: string, noHeaders: boolean): Printer {
  const cols = spec.split(",").map((part) => {
    const idx = part.indexOf(":");
    if (idx < 0)
      throw new CliError(
        `error: unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`,
      );
    return { header: part.slice(0, idx), path: part.slice(idx + 1) };
  });
  return {
    print: (items) => {
      const rows = noHeaders ? [] : [cols.map((c) => c.header)];
      for (const o of items) {
        try {
          rows.push(
            cols.map((c) => {
              const vals = pathValues(c.path, o);
              // customcolumn.go: fmt.Sprintf("%v") of each value (maps as map[k:v], nil as <nil>).
              return vals.length ? vals.map(goSprint).join(",") : "<none>";
            }),
          );
        } catch (e) {
          // The rows written so far (the header at least) are flushed before the error.
          if (e instanceof JsonpathRunError)
            throw new CliError(`error: ${e.message}`, 1, tabwrite(rows, 6, 3));
          throw e;
        }
      }
      return tabwrite(rows, 6, 3);
    },
  };
}

/**
 * A printer for -o, or undefined for the table printer (default and wide). `typed`:
 * the objects are typed Go structs in kubectl (its generators' objects and what the
 * typed clients return), so -o json keeps the structs' field order instead of sorting.
 */
export function printerFor(output: string, noHeaders = false, typed = false): Printer | undefined {
  const printer = formatPrinter(output, noHeaders, typed);
  // Objects as kube-apiserver sends them: nested templates' creationTimestamp: null. The
  // kind callback may know objects by identity (`get all`): it is asked about the originals.
  return (
    printer && {
      print: (items, single, kind) => {
        const originals = new Map<KubeObject, KubeObject>();
        const sent = items.map((o) => {
          const s = withTemplateTimestamps(o);
          originals.set(s, o);
          return s;
        });
        return printer.print(sent, single, (o) => kind(originals.get(o) ?? o));
      },
    }
  );
}

function formatPrinter(output: string, noHeaders: boolean, typed: boolean): Printer | undefined {
  if (output === "" || output === "wide") return undefined;
  if (output === "yaml")
    return {
      print: (all, single) => {
        const items = all.map(withoutManagedFields);
        const doc = single && items.length === 1 ? items[0] : asList(items);
        // Keys are sorted either way; typed objects add their non-omitempty zero values.
        return toGoYaml(typed ? typedObject(doc) : doc);
      },
    };
  if (output === "json")
    return {
      print: (all, single) => {
        const items = all.map(withoutManagedFields);
        const doc = single && items.length === 1 ? items[0] : asList(items);
        return `${typed ? typedJson(doc) : goJson(doc)}\n`;
      },
    };
  if (output === "name")
    return {
      print: (items, _s, kind) => items.map((o) => `${kind(o)}/${o.metadata.name}\n`).join(""),
    };
  const eq = output.indexOf("=");
  const format = eq < 0 ? output : output.slice(0, eq);
  const arg = eq < 0 ? "" : output.slice(eq + 1);
  if (format === "jsonpath" || format === "jsonpath-as-json") {
    if (!arg) throw new CliError("error: template format specified but no template given");
    const run = format === "jsonpath" ? jsonpath : jsonpathAsJson;
    return {
      print: (items, single) => run(arg, single && items.length === 1 ? items[0] : asList(items)),
    };
  }
  if (format === "custom-columns") {
    if (!arg)
      throw new CliError("error: custom-columns format specified but no custom columns given");
    return customColumns(arg, noHeaders);
  }
  if (
    [
      "go-template",
      "template",
      "go-template-file",
      "templatefile",
      "jsonpath-file",
      "custom-columns-file",
    ].includes(format)
  )
    throw new CliError(`error: -o ${format} 출력은 이 시뮬레이터에서 지원하지 않습니다`);
  throw new CliError(
    `error: unable to match a printer suitable for the output format "${output}", allowed formats are: ${OUTPUT_FORMATS}`,
  );
}
