// The declaration order of the k8s.io/api Go structs kubectl serializes as typed objects
// (its create/run/expose generators, `kubectl events`). encoding/json writes a struct's
// fields in that order, so `-o json` of a typed object is not sorted.
//
// Why a table and not the API server's schema: the OpenAPI documents list `properties`
// as a Go map, i.e. alphabetically (real kube-apiserver and ours), and the protobuf
// field numbers differ from declaration order wherever a field was added later
// (PodSpec.initContainers = 20 sits before containers = 2; Container.imagePullPolicy = 14
// follows terminationMessagePolicy = 20). Each entry is "field" or "field:Type" where the
// field's value (or each element of a list) is that struct; maps and scalars need no type.
// Measured against kubectl 1.28 in tests/conformance/golden-output-logs.test.ts.

const TYPES: Record<string, string> = {
  // meta/v1
  ObjectMeta:
    "name generateName namespace selfLink uid resourceVersion generation creationTimestamp deletionTimestamp deletionGracePeriodSeconds labels annotations ownerReferences:OwnerReference finalizers managedFields:ManagedFieldsEntry",
  OwnerReference: "apiVersion kind name uid controller blockOwnerDeletion",
  ManagedFieldsEntry: "manager operation apiVersion time fieldsType fieldsV1 subresource",
  ListMeta: "selfLink resourceVersion continue remainingItemCount",
  // metav1.List, the v1 List kubectl prints several objects in.
  ListObject: "metadata:ListMeta items",
  LabelSelector: "matchLabels matchExpressions:LabelSelectorRequirement",
  LabelSelectorRequirement: "key operator values",
  Condition: "type status observedGeneration lastTransitionTime reason message",
  // core/v1
  ObjectReference: "kind namespace name uid apiVersion resourceVersion fieldPath",
  Pod: "metadata:ObjectMeta spec:PodSpec status:PodStatus",
  PodTemplateSpec: "metadata:ObjectMeta spec:PodSpec",
  PodSpec:
    "volumes:Volume initContainers:Container containers:Container ephemeralContainers:Container restartPolicy terminationGracePeriodSeconds activeDeadlineSeconds dnsPolicy nodeSelector serviceAccountName serviceAccount automountServiceAccountToken nodeName hostNetwork hostPID hostIPC shareProcessNamespace securityContext imagePullSecrets hostname subdomain affinity schedulerName tolerations:Toleration hostAliases priorityClassName priority dnsConfig readinessGates runtimeClassName enableServiceLinks preemptionPolicy overhead topologySpreadConstraints setHostnameAsFQDN os hostUsers schedulingGates resourceClaims",
  Volume:
    "name hostPath emptyDir gcePersistentDisk awsElasticBlockStore gitRepo secret:SecretVolumeSource nfs iscsi glusterfs persistentVolumeClaim rbd flexVolume cinder cephfs flocker downwardAPI:DownwardAPIVolumeSource fc azureFile configMap:ConfigMapVolumeSource vsphereVolume quobyte azureDisk photonPersistentDisk projected:ProjectedVolumeSource portworxVolume scaleIO storageos csi ephemeral",
  ProjectedVolumeSource: "sources:VolumeProjection defaultMode",
  VolumeProjection:
    "secret:ConfigMapProjection downwardAPI:DownwardAPIVolumeSource configMap:ConfigMapProjection serviceAccountToken:ServiceAccountTokenProjection",
  // SecretProjection and ConfigMapProjection share the shape (LocalObjectReference inline).
  ConfigMapProjection: "name items:KeyToPath optional",
  ConfigMapVolumeSource: "name items:KeyToPath defaultMode optional",
  SecretVolumeSource: "secretName items:KeyToPath defaultMode optional",
  KeyToPath: "key path mode",
  DownwardAPIVolumeSource: "items:DownwardAPIVolumeFile defaultMode",
  DownwardAPIVolumeFile: "path fieldRef:ObjectFieldSelector resourceFieldRef mode",
  ObjectFieldSelector: "apiVersion fieldPath",
  ServiceAccountTokenProjection: "audience expirationSeconds path",
  Container:
    "name image command args workingDir ports:ContainerPort envFrom env:EnvVar resources:ResourceRequirements resizePolicy restartPolicy volumeMounts:VolumeMount volumeDevices livenessProbe readinessProbe startupProbe lifecycle terminationMessagePath terminationMessagePolicy imagePullPolicy securityContext stdin stdinOnce tty",
  ContainerPort: "name hostPort containerPort protocol hostIP",
  EnvVar: "name value valueFrom",
  ResourceRequirements: "limits requests claims",
  VolumeMount: "name readOnly mountPath subPath mountPropagation subPathExpr",
  Toleration: "key operator value effect tolerationSeconds",
  PodStatus:
    "phase conditions:PodCondition message reason nominatedNodeName hostIP hostIPs podIP podIPs startTime initContainerStatuses:ContainerStatus containerStatuses:ContainerStatus qosClass ephemeralContainerStatuses:ContainerStatus resize resourceClaimStatuses",
  PodCondition: "type status lastProbeTime lastTransitionTime reason message",
  ContainerStatus:
    "name state:ContainerState lastState:ContainerState ready restartCount image imageID containerID started allocatedResources resources",
  ContainerState: "waiting:ContainerStateWaiting running terminated:ContainerStateTerminated",
  ContainerStateWaiting: "reason message",
  ContainerStateTerminated: "exitCode signal reason message startedAt finishedAt containerID",
  Service: "metadata:ObjectMeta spec:ServiceSpec status:ServiceStatus",
  ServiceSpec:
    "ports:ServicePort selector clusterIP clusterIPs type externalIPs sessionAffinity loadBalancerIP loadBalancerSourceRanges externalName externalTrafficPolicy healthCheckNodePort publishNotReadyAddresses sessionAffinityConfig ipFamilies ipFamilyPolicy allocateLoadBalancerNodePorts loadBalancerClass internalTrafficPolicy",
  ServicePort: "name protocol appProtocol port targetPort nodePort",
  ServiceStatus: "loadBalancer conditions:Condition",
  ConfigMap: "metadata:ObjectMeta immutable data binaryData",
  Secret: "metadata:ObjectMeta immutable data stringData type",
  ServiceAccount:
    "metadata:ObjectMeta secrets:ObjectReference imagePullSecrets automountServiceAccountToken",
  Namespace: "metadata:ObjectMeta spec status",
  ResourceQuota: "metadata:ObjectMeta spec:ResourceQuotaSpec status:ResourceQuotaStatus",
  ResourceQuotaSpec: "hard scopes scopeSelector",
  ResourceQuotaStatus: "hard used",
  Event:
    "metadata:ObjectMeta involvedObject:ObjectReference reason message source:EventSource firstTimestamp lastTimestamp count type eventTime series:EventSeries action related:ObjectReference reportingComponent reportingInstance",
  EventSource: "component host",
  EventSeries: "count lastObservedTime",
  EventList: "metadata:ListMeta items:Event",
  // apps/v1
  Deployment: "metadata:ObjectMeta spec:DeploymentSpec status:DeploymentStatus",
  DeploymentSpec:
    "replicas selector:LabelSelector template:PodTemplateSpec strategy:DeploymentStrategy minReadySeconds revisionHistoryLimit paused progressDeadlineSeconds",
  DeploymentStrategy: "type rollingUpdate:RollingUpdateDeployment",
  RollingUpdateDeployment: "maxUnavailable maxSurge",
  DeploymentStatus:
    "observedGeneration replicas updatedReplicas readyReplicas availableReplicas unavailableReplicas conditions:DeploymentCondition collisionCount",
  DeploymentCondition: "type status lastUpdateTime lastTransitionTime reason message",
  // batch/v1
  Job: "metadata:ObjectMeta spec:JobSpec status:JobStatus",
  JobSpec:
    "parallelism completions activeDeadlineSeconds podFailurePolicy backoffLimit backoffLimitPerIndex maxFailedIndexes selector:LabelSelector manualSelector template:PodTemplateSpec ttlSecondsAfterFinished completionMode suspend podReplacementPolicy",
  JobStatus:
    "conditions:JobCondition startTime completionTime active succeeded failed terminating completedIndexes failedIndexes uncountedTerminatedPods ready",
  JobCondition: "type status lastProbeTime lastTransitionTime reason message",
  CronJob: "metadata:ObjectMeta spec:CronJobSpec status:CronJobStatus",
  CronJobSpec:
    "schedule timeZone startingDeadlineSeconds concurrencyPolicy suspend jobTemplate:JobTemplateSpec successfulJobsHistoryLimit failedJobsHistoryLimit",
  JobTemplateSpec: "metadata:ObjectMeta spec:JobSpec",
  CronJobStatus: "active:ObjectReference lastScheduleTime lastSuccessfulTime",
  // rbac/v1
  Role: "metadata:ObjectMeta rules:PolicyRule",
  ClusterRole: "metadata:ObjectMeta rules:PolicyRule aggregationRule",
  PolicyRule: "verbs apiGroups resources resourceNames nonResourceURLs",
  RoleBinding: "metadata:ObjectMeta subjects:Subject roleRef:RoleRef",
  ClusterRoleBinding: "metadata:ObjectMeta subjects:Subject roleRef:RoleRef",
  Subject: "kind apiGroup name namespace",
  RoleRef: "apiGroup kind name",
  // scheduling/v1, networking/v1, policy/v1
  PriorityClass: "metadata:ObjectMeta value globalDefault description preemptionPolicy",
  Ingress: "metadata:ObjectMeta spec:IngressSpec status",
  IngressSpec: "ingressClassName defaultBackend:IngressBackend tls:IngressTLS rules:IngressRule",
  IngressTLS: "hosts secretName",
  IngressRule: "host http:HTTPIngressRuleValue",
  HTTPIngressRuleValue: "paths:HTTPIngressPath",
  HTTPIngressPath: "path pathType backend:IngressBackend",
  IngressBackend: "service:IngressServiceBackend resource",
  IngressServiceBackend: "name port:ServiceBackendPort",
  ServiceBackendPort: "name number",
  PodDisruptionBudget:
    "metadata:ObjectMeta spec:PodDisruptionBudgetSpec status:PodDisruptionBudgetStatus",
  PodDisruptionBudgetSpec:
    "minAvailable selector:LabelSelector maxUnavailable unhealthyPodEvictionPolicy",
  PodDisruptionBudgetStatus:
    "observedGeneration disruptedPods disruptionsAllowed currentHealthy desiredHealthy expectedPods conditions:Condition",
  // authentication/v1 (kubectl create token -o json prints the typed response)
  TokenRequest: "metadata:ObjectMeta spec:TokenRequestSpec status:TokenRequestStatus",
  TokenRequestSpec: "audiences expirationSeconds boundObjectRef:BoundObjectReference",
  BoundObjectReference: "kind apiVersion name uid",
  TokenRequestStatus: "token expirationTimestamp",
};

export interface FieldOrder {
  keys: readonly string[];
  /** The struct type of a field (of each element, for a list). */
  types: Readonly<Record<string, string>>;
}

const ORDERS = new Map<string, FieldOrder>(
  Object.entries(TYPES).map(([name, spec]) => {
    const keys: string[] = [];
    const types: Record<string, string> = {};
    for (const entry of spec.split(" ")) {
      const [field, type] = entry.split(":") as [string, string | undefined];
      keys.push(field);
      if (type) types[field] = type;
    }
    return [name, { keys, types }];
  }),
);

/** The field order of a Go struct of k8s.io/api, or undefined for types this table lacks. */
export function goFieldOrder(type: string): FieldOrder | undefined {
  return ORDERS.get(type);
}
