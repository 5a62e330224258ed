// Several kinds in one `kubectl get` (e.g. `get all`): one table per kind,
// separated by a blank line, each aligned on its own.
export { printTable } from "./table";

export function tabwriteTables(tables: readonly string[]): string {
  return tables.join("\n");
}
