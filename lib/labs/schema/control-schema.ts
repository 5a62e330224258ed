// The lab control panel's actions (lib/labs/control): zod only, so lab files can be
// validated without loading the simulator.
import { z } from "zod";

export const labControlSchema = z.discriminatedUnion("action", [
  z.strictObject({ action: z.literal("etcd-stop"), target: z.string().min(1).max(63) }),
  z.strictObject({ action: z.literal("etcd-start"), target: z.string().min(1).max(63) }),
  z.strictObject({ action: z.literal("power-off"), target: z.string().min(1).max(63) }),
  z.strictObject({ action: z.literal("power-on"), target: z.string().min(1).max(63) }),
  /** Up to an hour of virtual time at once (node lifecycle needs 40 s + 300 s). */
  z.strictObject({ action: z.literal("fast-forward"), seconds: z.int().positive().max(3600) }),
]);

export type LabControl = z.output<typeof labControlSchema>;
