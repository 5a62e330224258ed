// The detail of the trace's admission steps, `CREATE pods` / `UPDATE pods`: made once per verb
// and resource rather than once per step (two per write), as the entries it goes in are shared
// (trace.ts sharedStep) and the text is their lookup key.

const byVerb = { CREATE: new Map<string, string>(), UPDATE: new Map<string, string>() };
const LIMIT = 256;

export function admitDetail(verb: "CREATE" | "UPDATE", resource: string): string {
  const details = byVerb[verb];
  let detail = details.get(resource);
  if (detail === undefined) {
    if (details.size >= LIMIT) details.clear();
    detail = `${verb} ${resource}`;
    details.set(resource, detail);
  }
  return detail;
}
