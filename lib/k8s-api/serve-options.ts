// What a request to one sandbox's Kubernetes API carries besides the HTTP request.

export interface ServeOptions {
  sandboxId: string;
  /** The path below the sandbox prefix, starting with "/" (e.g. "/api/v1/pods"). */
  path: string;
  /** The sandbox prefix as the client sees it, e.g. "/api/k8s/<id>" (OpenAPI URLs need it). */
  prefix: string;
  sourceIP?: string;
}
