// Types of frames.mjs (plain JavaScript, so the workers need no TypeScript loader).
import type { Socket } from "node:net";

export declare const HELLO: 1;
export declare const REQUEST: 2;
export declare const RESPONSE: 3;
export declare const GOAWAY: 4;
export declare const ACCEPTED: 5;
export declare const STREAM_HEAD: 6;
export declare const CHUNK: 7;
export declare const END: 8;
export declare const CANCEL: 9;
export declare const FRAME_HEADER: number;
export declare const MAX_FRAME: number;

export declare function encodeFrame(type: number, id: number, payload?: Buffer[]): Buffer[];
export declare function encodeMessage(
  type: number,
  id: number,
  head: unknown,
  body: Buffer | null,
): Buffer[];
export declare function decodeMessage(payload: Buffer): { head: unknown; body: Buffer | null };
export declare function writeFrame(
  socket: Socket,
  buffers: Buffer[],
  done?: (error?: Error | null) => void,
): boolean;

export declare class FrameDecoder {
  constructor(onFrame: (type: number, id: number, payload: Buffer) => void, maxFrame?: number);
  readonly pending: number;
  push(chunk: Buffer): void;
}
