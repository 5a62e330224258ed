// etcdctl watch: the events of a key or range from a revision on, printed as the simple
// printer does (event type, the previous kv with --prev-kv, then the kv). A watch never
// ends by itself; the terminal streams it (lib/terminal/stream.ts) by asking for the events
// after the last revision it printed, so one call here is one batch of events.

import { etcdRead } from "../../etcd/control";
import { StoreError } from "../../store/errors";
import type { SandboxState } from "../../state";
import { watchEvents } from "../../store/watch";
import type { CommandResult } from "../types";
import {
  etcdctlError,
  flagBool,
  flagString,
  writeOut,
  unsupportedFormat,
  EXIT,
  type Flags,
} from "./common";
import { keyRange, simpleKv } from "./kv";

export interface WatchSpec {
  key: string;
  rangeEnd?: string;
  /** --rev: the first revision to report (0: from now on). */
  startRevision: number;
  prevKv: boolean;
  valueOnly: boolean;
}

export function watchSpec(args: string[], p: Flags): WatchSpec {
  const [key, end] = args;
  if (key === undefined || args.length > 2)
    throw etcdctlError("bad number of arguments", EXIT.badArgs);
  const w = writeOut(p);
  if (w !== "simple") throw unsupportedFormat(w);
  const rangeEnd = keyRange(key, p, end);
  return {
    key,
    ...(rangeEnd !== undefined ? { rangeEnd } : {}),
    startRevision: Number(flagString(p, "rev") ?? 0),
    prevKv: flagBool(p, "prev-kv"),
    valueOnly: flagBool(p, "print-value-only"),
  };
}

/** The events from `fromRevision` on, as etcdctl prints them; a compacted start ends the watch. */
export function watchBatch(
  state: SandboxState,
  spec: WatchSpec,
  fromRevision: number,
): CommandResult {
  try {
    const events = etcdRead(
      state,
      (s) =>
        watchEvents(s, {
          key: spec.key,
          ...(spec.rangeEnd !== undefined ? { rangeEnd: spec.rangeEnd } : {}),
          startRevision: fromRevision,
        }),
      "s",
    );
    const stdout = events
      .map(
        (e) =>
          `${e.type}\n${spec.prevKv && e.prevKv ? simpleKv(e.prevKv, spec.valueOnly) : ""}${simpleKv(e.kv, spec.valueOnly)}`,
      )
      .join("");
    return { stdout, stderr: "", exitCode: 0 };
  } catch (e) {
    if (e instanceof StoreError && e.code === "compacted")
      // watch_command.go: a canceled watch (compacted start) prints the reason and exits.
      return {
        stdout: "",
        stderr: `watch was canceled (etcdserver: mvcc: required revision has been compacted)\nError: watch is canceled by the server\n`,
        exitCode: EXIT.interrupted,
      };
    throw e;
  }
}
