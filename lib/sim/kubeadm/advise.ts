// Problems kubeadm 1.28 itself does NOT reject, but that break or weaken the cluster it builds.
// The lab shows them as the simulator's advice (in Korean), clearly apart from kubeadm's own
// output: kubeadm passes apiServer.extraArgs through unchecked and never compares subnets.
import { cidrsOverlap, formatCidr, parseCidrList } from "./net";
import type { InitConfiguration } from "./types";
import { argValue } from "./types";

export type AdviceCode =
  | "SubnetOverlap"
  | "AuditPolicyMissing"
  | "AuditLogNotMounted"
  | "AuditFlagNotInteger"
  | "ComponentBindsAllInterfaces";

export interface Advice {
  code: AdviceCode;
  /** The config field the advice is about. */
  field: string;
  /** Korean explanation for the learner. */
  message: string;
}

const INTEGER_AUDIT_FLAGS = [
  "audit-log-maxage",
  "audit-log-maxbackup",
  "audit-log-maxsize",
  "audit-log-batch-buffer-size",
];

export function adviseInitConfiguration(cfg: InitConfiguration): Advice[] {
  const c = cfg.cluster;
  const out: Advice[] = [];
  const pods = parseCidrList(c.networking.podSubnet) ?? [];
  const services = parseCidrList(c.networking.serviceSubnet) ?? [];
  for (const p of pods) {
    for (const s of services) {
      if (cidrsOverlap(p, s)) {
        out.push({
          code: "SubnetOverlap",
          field: "networking.podSubnet",
          message: `Pod 대역 ${formatCidr(p)}이(가) Service 대역 ${formatCidr(s)}과(와) 겹칩니다. kubeadm은 이를 검사하지 않지만, Pod IP와 ClusterIP가 충돌해 트래픽이 엉뚱한 곳으로 갈 수 있습니다.`,
        });
      }
    }
  }
  const args = c.apiServer.extraArgs;
  const logPath = argValue(args, "audit-log-path");
  if (logPath !== undefined) {
    if (argValue(args, "audit-policy-file") === undefined) {
      out.push({
        code: "AuditPolicyMissing",
        field: "apiServer.extraArgs",
        message:
          "audit-log-path만 있고 audit-policy-file이 없습니다. 정책 파일이 없으면 kube-apiserver는 감사 이벤트를 하나도 기록하지 않습니다.",
      });
    }
    const dir = logPath.slice(0, logPath.lastIndexOf("/")) || "/";
    const mounted = c.apiServer.extraVolumes.some(
      (v) => logPath === v.mountPath || dir === v.mountPath || dir.startsWith(`${v.mountPath}/`),
    );
    if (logPath !== "-" && !mounted) {
      out.push({
        code: "AuditLogNotMounted",
        field: "apiServer.extraVolumes",
        message: `${logPath}을(를) 담을 hostPath 볼륨(apiServer.extraVolumes)이 없습니다. 로그는 컨테이너 안에만 쓰이므로 노드에서 tail -f ${logPath}로는 볼 수 없습니다.`,
      });
    }
  }
  for (const flag of INTEGER_AUDIT_FLAGS) {
    const v = argValue(args, flag);
    if (v !== undefined && !/^[+-]?\d+$/.test(v)) {
      out.push({
        code: "AuditFlagNotInteger",
        field: "apiServer.extraArgs",
        message: `--${flag}=${v}: 정수가 아니므로 kube-apiserver가 플래그 파싱 단계에서 시작하지 못합니다.`,
      });
    }
  }
  for (const [field, comp] of [
    ["controllerManager.extraArgs", c.controllerManager],
    ["scheduler.extraArgs", c.scheduler],
  ] as const) {
    const bind = argValue(comp.extraArgs, "bind-address");
    if (bind === "0.0.0.0" || bind === "::") {
      out.push({
        code: "ComponentBindsAllInterfaces",
        field,
        message: `bind-address=${bind}: 보안 포트(헬스체크·메트릭)가 모든 네트워크 인터페이스에 열립니다. kubeadm은 이때 프로브의 host를 생략합니다.`,
      });
    }
  }
  return out;
}
