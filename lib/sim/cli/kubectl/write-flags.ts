// Flags shared by kubectl's writing commands and the --dry-run handling they share.

import { CliError } from "../errors";
import type { FlagSpec, ParsedArgs } from "./flags";
import { flagString } from "./flags";

export const WRITE_FLAGS: FlagSpec[] = [
  { name: "filename", short: "f", type: "array" },
  { name: "recursive", short: "R", type: "bool" },
  { name: "dry-run", type: "string" },
  { name: "output", short: "o", type: "string" },
  { name: "server-side", type: "bool" },
  { name: "force-conflicts", type: "bool" },
  { name: "field-manager", type: "string" },
  { name: "validate", type: "string" },
  { name: "save-config", type: "bool" },
];

/** The API query of a --dry-run value (client dry runs never reach the server). */
export function dryRunQuery(p: ParsedArgs): { dryRun?: "All"; clientDryRun?: "true" } {
  const d = flagString(p, "dry-run");
  if (d === undefined || d === "none") return {};
  if (d === "server") return { dryRun: "All" };
  if (d === "client") return { clientDryRun: "true" };
  throw new CliError(`error: Invalid dry-run value (${d}). Must be "none", "server", or "client".`);
}

/** " (dry run)" / " (server dry run)" after kubectl's "<kind>/<name> created". */
export function dryRunSuffix(p: ParsedArgs): string {
  const d = flagString(p, "dry-run");
  return d === "client" ? " (dry run)" : d === "server" ? " (server dry run)" : "";
}
