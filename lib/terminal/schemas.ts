// Input of the terminal's HTTP API (validated with zod before anything runs).
import { z } from "zod";

const session = {
  namespace: z
    .string()
    .max(63)
    .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/)
    .optional(),
  context: z.string().max(253).optional(),
};

/** The most text the editor may pipe into a command (`kubectl apply -f -`). */
export const MAX_STDIN_BYTES = 1024 * 1024;

/** 100 KB command lines are refused here; the CLI refuses anything over 16 KB with bash-like text. */
export const execSchema = z.object({
  command: z.string().max(64 * 1024),
  // Length in UTF-16 units here; the route checks the UTF-8 size (MAX_STDIN_BYTES).
  stdin: z.string().max(MAX_STDIN_BYTES).optional(),
  ...session,
});

/** POST /api/sandboxes/:id/edit: the edited file and the target the exec answer carried. */
export const editSchema = z.object({
  content: z.string().max(MAX_STDIN_BYTES),
  target: z.object({
    format: z.enum(["yaml", "json"]),
    list: z.boolean(),
    objects: z
      .array(
        z.object({
          path: z
            .string()
            .max(1024)
            .regex(/^\/(api|apis)\//),
          label: z.string().max(512),
          qualified: z.string().max(512),
          original: z.record(z.string(), z.unknown()),
        }),
      )
      .min(1)
      .max(100),
  }),
  /** The temp file name the exec answer's `edit.path` gave (kept when the file reopens). */
  path: z.string().max(256).optional(),
  ...session,
});
export const completeSchema = z.object({ line: z.string().max(4096), ...session });

/** A container shell's handle as the open answer gave it (the server re-checks the pod each line). */
const shellHandle = z.object({
  namespace: z
    .string()
    .max(63)
    .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/),
  pod: z.string().min(1).max(253),
  container: z.string().min(1).max(63),
  tty: z.boolean(),
});

/**
 * POST /api/sandboxes/:id/shell: open (`command`: the typed `kubectl exec -i… -- sh`),
 * or one line for an open shell (`line`, or `eof` for Ctrl-D) with the shell's `$?`.
 */
export const shellSchema = z.union([
  z.object({ command: z.string().max(64 * 1024), ...session }).strict(),
  z
    .object({
      shell: shellHandle,
      line: z
        .string()
        .max(64 * 1024)
        .optional(),
      eof: z.literal(true).optional(),
      status: z.number().int().min(0).max(255),
    })
    .strict(),
]);
