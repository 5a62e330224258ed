// Liveness for load balancers and orchestrators: the process answers. Public on
// purpose (no user data); it never touches the database, so a Postgres outage
// does not get healthy app instances restarted.
import { jsonResponse } from "@/lib/http/json-response";

export const dynamic = "force-dynamic";

export function GET(): Response {
  return jsonResponse({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
