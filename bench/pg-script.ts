// The commands of the Postgres benches (pg-ab, pg-exec-route, pg-statement-stats): bench:load's
// lab script (bench/load/learner.ts SCRIPT) without its one failing read, with `$n` where each
// round's number goes so the Deployments and ConfigMaps get new names every round.
export const PG_BENCH_SCRIPT: readonly string[] = [
  "kubectl get nodes -o wide",
  "kubectl get pods -n kube-system",
  "kubectl create deployment web-$n --image=nginx:1.25",
  "kubectl get deployments",
  "kubectl scale deployment web-$n --replicas=3",
  "kubectl get pods -o wide",
  "kubectl get --raw=/healthz",
  "kubectl label deployment web-$n tier=frontend --overwrite",
  "etcdctl get /registry/pods --prefix --keys-only",
  "kubectl create configmap notes-$n --from-literal=k=v",
  "kubectl get events",
  "kubectl delete configmap notes-$n",
  "kubectl auth can-i create pods",
  "kubectl get leases -n kube-system",
];
