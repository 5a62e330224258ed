// rbac: the `kubectl auth can-i` matrix of a user or ServiceAccount, decided by
// the sandbox's own authorizer (the same one every API request goes through).
import { AUTHENTICATED_GROUP } from "@/lib/sim/apiserver/authn/authenticate";
import { RequestContext } from "@/lib/sim/apiserver/handler/context";
import { defaultPlugins } from "@/lib/sim/apiserver/handler/default-plugins";
import type { RbacCheck } from "../../schema/check-schema";
import type { CheckVerdict, GradeInput } from "../context";

type Row = RbacCheck["matrix"][number];

function rowLabel(who: string, r: Row): string {
  const res = `${r.resource}${r.group ? `.${r.group}` : ""}${r.subresource ? `/${r.subresource}` : ""}`;
  return `${who} ${r.verb} ${res}${r.name ? ` ${r.name}` : ""}${r.namespace ? ` (네임스페이스 ${r.namespace})` : ""}`;
}

const yesNo = (b: boolean) => (b ? "yes" : "no");

export function gradeRbac(c: RbacCheck, input: GradeInput): CheckVerdict {
  let username: string;
  let groups: string[];
  if (c.serviceAccount) {
    const [ns, name] = c.serviceAccount.split("/") as [string, string];
    username = `system:serviceaccount:${ns}:${name}`;
    groups = ["system:serviceaccounts", `system:serviceaccounts:${ns}`, AUTHENTICATED_GROUP];
  } else {
    username = c.user!;
    groups = [...c.groups, AUTHENTICATED_GROUP];
  }
  const rctx = new RequestContext(input.state, input.state.time, defaultPlugins);
  const lines: string[] = [];
  const actual: Record<string, string> = {};
  const expected: Record<string, string> = {};
  let good = 0;
  for (const r of c.matrix) {
    const decision = defaultPlugins.authorize(
      {
        user: { username, groups },
        verb: r.verb,
        apiGroup: r.group,
        resource: r.resource,
        subresource: r.subresource ?? "",
        namespace: r.namespace ?? "",
        name: r.name ?? "",
        resourceRequest: true,
      },
      rctx.lookup,
    );
    const label = rowLabel(username, r);
    actual[label] = yesNo(decision.allowed);
    expected[label] = yesNo(r.allowed);
    const ok = decision.allowed === r.allowed;
    if (ok) good++;
    lines.push(
      ok
        ? `can-i ${label}: ${yesNo(decision.allowed)} (통과)`
        : `can-i ${label}: 기대값 ${yesNo(r.allowed)}, 현재 ${yesNo(decision.allowed)}`,
    );
  }
  return { score: good / c.matrix.length, feedback: lines, expected, actual };
}
