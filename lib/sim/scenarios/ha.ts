// The HA lab cluster of the seed's example: master1-master3 behind
// k8s-api.example.com:6443 with stacked etcd, plus two workers.

import { HA_STACKED_CONFIG } from "../kubeadm/fixtures";
import { loadInitConfiguration } from "../kubeadm/load-config";
import { LabCluster } from "../cluster/lab-cluster";
import { T0 } from "./fixtures";

export function haCluster(seed: string): LabCluster {
  const { config } = loadInitConfiguration(HA_STACKED_CONFIG, {
    host: {
      hostname: "master1",
      ip: "192.168.56.10",
      generateToken: () => "abcdef.0123456789abcdef",
    },
  });
  return new LabCluster({ seed, now: T0, config, controlPlanes: 3, workers: 2 });
}
