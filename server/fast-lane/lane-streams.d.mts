// Types of lane-streams.mjs (plain JavaScript, so the workers need no TypeScript loader).
import type { Socket } from "node:net";

export declare function drainWaiter(socket: Socket): () => Promise<void>;

export interface StreamedAnswer {
  status: number;
  headers: string[];
  stream: ReadableStream<Uint8Array>;
}
export declare function pumpStream(
  socket: Socket,
  id: number,
  answer: StreamedAnswer,
  waitDrain: () => Promise<void>,
): { done: Promise<void>; cancel(): void };

export declare function incomingStream(onCancel: () => void): {
  stream: ReadableStream<Uint8Array>;
  push(bytes: Buffer): void;
  end(): void;
};
