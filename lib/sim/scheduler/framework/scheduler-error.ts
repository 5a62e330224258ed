// The scheduler's typed error for inputs it cannot interpret (bad selectors, quantities), as
// opposed to a pod that simply does not fit, which is a Status.

export type SchedulerErrorCode =
  "InvalidSelector" | "InvalidQuantity" | "UnknownNode" | "UnknownPlugin";

export class SchedulerError extends Error {
  override readonly name = "SchedulerError";
  constructor(
    readonly code: SchedulerErrorCode,
    message: string,
  ) {
    super(message);
  }
}
