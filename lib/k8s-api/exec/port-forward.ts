// port-forward (portforward.k8s.io over SPDY, or tunnelled in a WebSocket): the
// client opens an error stream and a data stream per local connection, both naming
// the pod port. Simulated pods have no network stack to connect to, so every
// connection is refused on its error stream with kubelet's prefix ("error
// forwarding port P to pod <sandbox>, uid : …") and an honest reason; kubectl
// prints it as "an error occurred forwarding L -> P: …".

import { createHash } from "node:crypto";
import type { SpdyServerConnection, SpdyStream } from "./spdy-connection";

export const NO_NETWORK_REASON =
  "Kubelab 시뮬레이터의 파드에는 실제 네트워크가 없어 포트에 연결할 수 없습니다 (port-forward 미지원)";

/** The CRI pod sandbox id kubelet names in its message (stable per pod uid here). */
export function podSandboxId(podUid: string): string {
  return createHash("sha256").update(`sandbox:${podUid}`).digest("hex");
}

export function servePortForward(
  conn: SpdyServerConnection,
  podUid: string,
  podName: string,
): void {
  const pairs = new Map<string, { error?: SpdyStream; data?: SpdyStream }>();
  const sandbox = podSandboxId(podUid || podName);
  conn.onStream((stream) => {
    const type = stream.headers["streamtype"];
    const port = stream.headers["port"] ?? "";
    const id = stream.headers["requestid"] ?? port;
    if ((type !== "error" && type !== "data") || !/^\d{1,5}$/.test(port)) return stream.end();
    const pair = pairs.get(id) ?? {};
    pair[type] = stream;
    pairs.set(id, pair);
    if (!pair.error || !pair.data) return;
    pairs.delete(id);
    pair.error.write(`error forwarding port ${port} to pod ${sandbox}, uid : ${NO_NETWORK_REASON}`);
    pair.error.end();
    pair.data.end();
  });
}
