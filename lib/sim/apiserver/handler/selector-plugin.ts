// labelSelector/fieldSelector query parameters → one predicate, with the
// apiserver's 400 texts for syntax errors and unsupported field labels.

import { newBadRequest } from "../errors";
import type { KubeObject } from "../object";
import type { ResourceInfo } from "../resources/resource-info";
import {
  FieldSelectorError,
  SelectorParseError,
  checkFieldSelector,
  fieldSelectorMatches,
  parseFieldSelector,
  parseLabelSelector,
  selectorMatches,
  unableToFindMessage,
} from "../selectors";

export function selectorPredicate(
  labelText: string,
  fieldText: string,
  info: ResourceInfo,
): (obj: KubeObject) => boolean {
  let label;
  let field;
  try {
    label = labelText ? parseLabelSelector(labelText) : undefined;
  } catch (err) {
    if (err instanceof SelectorParseError) throw newBadRequest(err.message);
    throw err;
  }
  try {
    field = fieldText ? parseFieldSelector(fieldText) : undefined;
    if (field) checkFieldSelector(field, info.group, info.resource);
  } catch (err) {
    if (err instanceof FieldSelectorError || err instanceof SelectorParseError) {
      throw newBadRequest(
        unableToFindMessage(
          { group: info.group, version: info.version, resource: info.resource },
          labelText,
          fieldText,
          err.message,
        ),
      );
    }
    throw err;
  }
  return (obj) =>
    (!label || selectorMatches(label, obj.metadata.labels ?? {})) &&
    (!field || fieldSelectorMatches(field, obj, info.group, info.resource));
}
