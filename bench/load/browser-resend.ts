// A browser resends a request that met a kept-alive connection the server had just
// closed. The race is ordinary HTTP/1.1: the server closes an idle connection (its
// keep-alive timeout) while the client, which still holds the connection as idle,
// sends the next request on it. undici keeps a connection for the server's announced
// timeout less two seconds, so the race needs a stall of seconds — a loaded app
// worker whose timers run before it reads the request, or a loaded load generator
// that reads the answer late — which an overloaded soak has (session 13: one
// ECONNRESET in 19,498 requests at exec p99 25 s). Chromium resends once on a new
// connection, whatever the method, when a *reused* connection was reset or closed
// before any byte of the answer (HttpNetworkTransaction::HandleIOError), so the
// learner's browser would not have shown an error; the load generator does the same
// and counts each resend, so the report still shows that the race happened.

interface SocketErrorCause {
  code?: string;
  socket?: { bytesRead?: number };
}

/**
 * Whether a failed request is one a browser resends. undici names the socket when it
 * saw the close (`UND_ERR_SOCKET`, "other side closed"): bytes read before mean the
 * connection carried earlier answers, i.e. it was reused; a fresh connection closed
 * before answering (a worker that died) is an error. A reset (RST: the server closed
 * with our request unread) comes without the socket, and is taken as the race.
 */
export function browserResends(error: unknown): boolean {
  const cause = (error as { cause?: SocketErrorCause } | undefined)?.cause;
  if (!cause) return false;
  if (cause.code === "ECONNRESET" || cause.code === "EPIPE") return true;
  return cause.code === "UND_ERR_SOCKET" && (cause.socket?.bytesRead ?? 0) > 0;
}

/**
 * Sends a request as a browser would: once more, on a new connection (undici drops
 * the broken one), when the first attempt met a closed kept-alive connection.
 */
export async function sendLikeBrowser<T>(send: () => Promise<T>, onResend: () => void): Promise<T> {
  try {
    return await send();
  } catch (error) {
    if (!browserResends(error)) throw error;
    onResend();
    return send();
  }
}
