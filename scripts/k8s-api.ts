// One more instance of the per-sandbox Kubernetes API (real kubectl's endpoint),
// without the web app: for scaling the API face out behind a load balancer and
// for the multi-instance tests. Needs DATABASE_URL (all state is in Postgres);
// KUBELAB_K8S_PORT (0 = any free port), KUBELAB_K8S_HOST and the KUBELAB_TLS_*
// variables as in the README. Prints one JSON line {"port": …} once listening.
import "dotenv/config";
import { startKubeApiServer } from "../server/k8s-https";

async function main(): Promise<void> {
  if (!process.env.DATABASE_URL) throw new Error("DATABASE_URL is not set");
  const server = await startKubeApiServer();
  process.stdout.write(`${JSON.stringify({ port: server.port })}\n`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  console.error(`[kubelab] k8s API 시작 실패: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
