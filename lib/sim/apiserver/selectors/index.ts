export * from "./label-selector";
export * from "./label-selector-object";
export * from "./field-selector";
