import { buildEditorSchema } from "@/lib/workspace/schemas/editor-schema";

// The schema only changes with the code: build it once per process.
let cached: string | undefined;

/** GET /api/workspace/schema → the editor's JSON Schema (Kubernetes kinds + kubeadm configs). Public. */
export async function GET(): Promise<Response> {
  cached ??= JSON.stringify(buildEditorSchema());
  return new Response(cached, {
    headers: { "content-type": "application/json", "cache-control": "public, max-age=3600" },
  });
}
