// Types of fast-lane.mjs (plain JavaScript, so the workers need no TypeScript loader).
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ForwardedHead, StickyConfig } from "./sticky.mjs";

export declare const LANE_ROUTES: Record<
  "exec" | "complete" | "lab-sandbox" | "quiz-start" | "quiz-answers",
  string
>;
export declare const BODY_CAP: number;
/** lib/http/read-json-body.ts BUFFERED_BODY (the same registered symbol). */
export declare const BUFFERED_BODY: unique symbol;
/** lib/http/json-response.ts JSON_TEXT (the same registered symbol). */
export declare const JSON_TEXT: unique symbol;
/** lib/http/json-response.ts LANE_REQUEST (the same registered symbol). */
export declare const LANE_REQUEST: unique symbol;

/** The request object the lane hands to a route (not a web Request: see fast-lane.mjs). */
export interface LaneRequest {
  method: string | undefined;
  url: string;
  headers: Headers;
  [BUFFERED_BODY]: Buffer | null;
  [LANE_REQUEST]: true;
}
/** The request's headers as a web Headers, read from Node's without copying them until needed. */
export declare function webHeaders(req: IncomingMessage): Headers;
export declare function laneRequest(
  req: IncomingMessage,
  url: string,
  body: Buffer | null,
): LaneRequest;

export interface RoutesManifest {
  basePath?: string;
  i18n?: unknown;
  redirects?: { source: string; regex: string }[];
  rewrites?:
    | { source: string; regex: string }[]
    | Record<"beforeFiles" | "afterFiles" | "fallback", { source: string; regex: string }[]>;
  headers?: {
    source: string;
    regex: string;
    headers: { key: string; value: string }[];
    has?: unknown[];
    missing?: unknown[];
  }[];
}

export declare function matchLaneRoute(
  method: string | undefined,
  url: string | undefined,
):
  | { id: string; name: "exec" | "complete" }
  | {
      name: "lab-sandbox" | "lab-check" | "quiz-start" | "quiz-answers" | "quiz-submit";
      params: Record<string, string>;
    }
  | undefined;
export declare function headersFor(
  manifest: RoutesManifest,
  pathname: string,
): { key: string; value: string }[];
export declare function laneUnsafeReason(
  manifest: RoutesManifest,
  samplePath: string,
): string | undefined;
export declare function requestUrl(
  req: IncomingMessage,
  hostname: string | undefined,
  port: number,
): string;

/** A route's answer as the lane carries it: headers as a flat list (name, value, ...). */
export interface LaneAnswer {
  status: number;
  headers: string[];
  body: Buffer | null;
  /** A streamed answer's bytes (body null), for an owner route run for another worker. */
  stream?: ReadableStream<Uint8Array>;
}
export declare function answerOf(
  response: Response,
  leading?: string[],
  streamed?: boolean,
): Promise<LaneAnswer>;

export interface FastLane {
  /** Serves the request when it is the lane's; false leaves it (untouched) to Next. */
  serve(req: IncomingMessage, res: ServerResponse): boolean;
  /** A request another worker forwarded (sticky.mjs): its answer, uncompressed. */
  serveForwarded(head: ForwardedHead, body: Buffer | null): Promise<LaneAnswer>;
  /** Closes the keep-alive connections to the other workers. */
  close(): void;
}

export declare function createFastLane(opts: {
  distDir: string;
  hostname: string | undefined;
  port: number;
  compress: boolean;
  log(message: string): void;
  /** Forwarding to each sandbox's owner worker (sticky.mjs); none when omitted. */
  sticky?: StickyConfig;
  /** WORKER_HEADER's value on the answers this worker serves (tests only). */
  workerTag?: string;
}): FastLane | undefined;
