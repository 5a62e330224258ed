export * from "./types";
export * from "./errors";
export * from "./store";
export * from "./writer";
export * from "./watch";
