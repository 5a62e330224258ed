export * from "./resource-info";
export * from "./registry";
export { BUILTIN_RESOURCES } from "./builtin-resources";
export { resourcesFromCrd } from "./crd-resources";
export { compareKubeVersions } from "./version-priority";
export { eventsV1ToCore, coreToEventsV1 } from "./event-conversion";
