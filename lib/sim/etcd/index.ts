export * from "./cluster";
export * from "./errors";
export * from "./quorum";
export * from "./health";
export * from "./snapshot";
export * from "./control";
