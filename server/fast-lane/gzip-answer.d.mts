// Types of gzip-answer.mjs (plain JavaScript, so the workers need no TypeScript loader).
import type { IncomingMessage, ServerResponse } from "node:http";

export declare function simpleEncoding(
  acceptEncoding: string | undefined,
): "gzip" | "identity" | undefined;
export declare function varyWith(
  current: number | string | string[] | undefined,
  field: string,
): string;
export declare function endCompressible(
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer | null,
  filter: (req: IncomingMessage, res: ServerResponse) => boolean,
): boolean;
