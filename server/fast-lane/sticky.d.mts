// Types of sticky.mjs (plain JavaScript, so the workers need no TypeScript loader).
import type { IncomingMessage, ServerResponse } from "node:http";

export declare const FORWARD_HEADER: string;
export declare const WORKER_HEADER: string;

export interface StickyConfig {
  workers: number;
  index: number;
  prefix: string;
  secret: string;
}

export declare function idHash(id: string): number;
export declare function ownerIndex(sandboxId: string, workers: number): number;
export declare function socketPath(prefix: string, index: number): string;
export declare function stickyConfig(
  env: Record<string, string | undefined>,
): StickyConfig | undefined;
export declare function isForwardedBy(value: unknown, secret: string): boolean;
export declare function forwardRequestHeaders(
  rawHeaders: string[],
  bodyLength: number,
  secret: string,
): string[];
export declare function forwardResponseHeaders(rawHeaders: string[]): string[];
export declare function afterForwardError(
  error: unknown,
  reusedSocket: boolean,
): "local" | "retry" | "fail";
export declare const IDLE_MS: number;

export interface Forwarder {
  ownerSocket(req: IncomingMessage, sandboxId: string): string | undefined;
  forward(
    req: IncomingMessage,
    res: ServerResponse,
    body: Buffer | null,
    socket: string,
  ): Promise<boolean>;
  close(): void;
}
export declare function createForwarder(config: StickyConfig): Forwarder;
