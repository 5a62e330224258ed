export {
  KUBECONFIG_ADMIN,
  findKubeToken,
  hashToken,
  issueKubeToken,
  listKubeTokens,
  revokeKubeTokens,
  type IssuedKubeToken,
  type KubeTokenInfo,
  type KubeTokenOwner,
  type KubeTokenUser,
} from "./tokens";
