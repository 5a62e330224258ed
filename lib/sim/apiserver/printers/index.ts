export {
  printTable,
  printRow,
  printerFor,
  partialObjectMetadata,
  type PrintOptions,
  type PrintTarget,
} from "./table";
export { podSummary } from "./pod";
export { humanDuration, since, formatLabels, formatLabelSelector } from "./format";
export type * from "./types";
