// Config files the tests and labs share: the course text's HA example (with the `metadata` block
// ClusterConfiguration does not have) and its corrected stacked-etcd variant.

/** The course's "고가용성 클러스터 구성" example, verbatim. */
export const COURSE_HA_CONFIG = `apiVersion: kubeadm.k8s.io/v1beta3
kind: ClusterConfiguration
metadata:
  name: ha-cluster
kubernetesVersion: v1.28.0
controlPlaneEndpoint: "k8s-api.example.com:6443"
etcd:
  external:
    endpoints:
    - https://etcd1.example.com:2379
    - https://etcd2.example.com:2379
    - https://etcd3.example.com:2379
    caFile: /etc/kubernetes/pki/etcd/ca.crt
    certFile: /etc/kubernetes/pki/apiserver-etcd-client.crt
    keyFile: /etc/kubernetes/pki/apiserver-etcd-client.key
networking:
  serviceSubnet: "10.96.0.0/12"
  podSubnet: "10.244.0.0/16"
apiServer:
  extraArgs:
    audit-log-maxage: "30"
    audit-log-maxbackup: "3"
    audit-log-maxsize: "100"
    audit-log-path: /var/log/audit.log
  certSANs:
  - "k8s-api.example.com"
  - "10.0.0.100"
controllerManager:
  extraArgs:
    bind-address: "0.0.0.0"
scheduler:
  extraArgs:
    bind-address: "0.0.0.0"
`;

/** The same cluster without `metadata`: valid, external 3-member etcd. */
export const COURSE_HA_CONFIG_FIXED = COURSE_HA_CONFIG.replace(
  "metadata:\n  name: ha-cluster\n",
  "",
);

/** An HA control plane with stacked etcd behind a load-balanced endpoint. */
export const HA_STACKED_CONFIG = `apiVersion: kubeadm.k8s.io/v1beta3
kind: InitConfiguration
nodeRegistration:
  name: master1
localAPIEndpoint:
  advertiseAddress: 192.168.56.10
---
apiVersion: kubeadm.k8s.io/v1beta3
kind: ClusterConfiguration
kubernetesVersion: v1.28.0
controlPlaneEndpoint: "k8s-api.example.com:6443"
networking:
  serviceSubnet: "10.96.0.0/12"
  podSubnet: "10.244.0.0/16"
apiServer:
  certSANs:
  - "k8s-api.example.com"
`;
