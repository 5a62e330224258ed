// Types of sticky.mjs (plain JavaScript, so the workers need no TypeScript loader).
import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import type { Server, Socket } from "node:net";

export declare const FORWARD_HEADER: string;
export declare const WORKER_HEADER: string;

export { idHash, ownerIndex, socketPath, stickyConfig } from "./owner.mjs";
export type { StickyConfig } from "./owner.mjs";
import type { StickyConfig } from "./owner.mjs";
export declare function isSecret(value: unknown, secret: string): boolean;

/** What a forwarded request carries: method, path, Next's request URL, Node's parsed headers. */
export interface ForwardedHead {
  m: string;
  p: string;
  u: string;
  h: IncomingHttpHeaders;
}
/**
 * An answer: status, headers as a flat list (name, value, ...), body; or, for a streamed
 * answer (lane-streams.mjs), body null and the bytes as `stream`.
 */
export interface ForwardedAnswer {
  status: number;
  headers: string[];
  body: Buffer | null;
  stream?: ReadableStream<Uint8Array>;
}

export declare const LOCAL: unique symbol;
export declare const LOST: unique symbol;
export declare function lostAnswer(): ForwardedAnswer;

export interface Forwarder {
  ownerOf(req: IncomingMessage, sandboxId: string): number | undefined;
  forward(
    owner: number,
    head: ForwardedHead,
    body: Buffer | null,
  ): Promise<ForwardedAnswer | typeof LOCAL | typeof LOST>;
  close(): void;
}
export declare function createForwarder(config: StickyConfig): Forwarder;

export interface LaneServer {
  server: Server;
  closed: Promise<void>;
  /** The open connections from the other workers. */
  connections: ReadonlySet<Socket>;
  shutdown(): Promise<void>;
}
export declare function createLaneServer(opts: {
  secret: string;
  serve(head: ForwardedHead, body: Buffer | null): Promise<ForwardedAnswer> | ForwardedAnswer;
  log?(message: string): void;
}): LaneServer;
