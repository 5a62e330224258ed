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

/** 100 KB command lines are refused here; the CLI refuses anything over 16 KB with bash-like text. */
export const execSchema = z.object({ command: z.string().max(64 * 1024), ...session });
export const completeSchema = z.object({ line: z.string().max(4096), ...session });
