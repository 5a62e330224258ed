// Bounds of one learner's workspace: enough for a lab's manifests and kubeadm
// configs, small enough that a runaway client cannot fill the database.
export const MAX_FILES_PER_WORKSPACE = 20;
/** Bytes of UTF-8 content per file (kubectl's own stdin manifests are rarely larger). */
export const MAX_FILE_BYTES = 64 * 1024;
export const MAX_PATH_LENGTH = 100;
