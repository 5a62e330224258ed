// The Kubernetes REST API of one sandbox (plain HTTP through Next.js; real kubectl
// uses the HTTPS listener in server/k8s-https.ts, which serves the same handler).

import { splitMountedPath } from "@/lib/k8s-api/mount";
import { serveKubeApi } from "@/lib/k8s-api/serve";

export const dynamic = "force-dynamic";

async function handler(request: Request): Promise<Response> {
  const mounted = splitMountedPath(new URL(request.url).pathname);
  if (!mounted) return new Response(null, { status: 404 });
  return serveKubeApi(request, mounted);
}

export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
