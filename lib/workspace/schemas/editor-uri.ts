/** The id of the workspace schema in the editor (a name, never fetched). */
export const EDITOR_SCHEMA_URI = "kubelab://schemas/workspace.json";
