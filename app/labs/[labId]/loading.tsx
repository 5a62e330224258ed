// Shown while the lab page renders: a learner's first visit builds the lab's
// cluster (a 3-control-plane lab takes a few seconds), so say what is happening.
export default function LabLoading() {
  return (
    <div
      role="status"
      aria-live="polite"
      className="mx-auto grid max-w-xl place-items-center gap-3 px-4 py-24 text-center"
    >
      <span
        aria-hidden="true"
        className="border-primary size-8 animate-spin rounded-full border-4 border-t-transparent"
      />
      <p className="text-lg font-medium">실습 클러스터를 준비하고 있습니다…</p>
      <p className="text-muted-foreground text-sm">
        처음 여는 실습이면 kubeadm 구성대로 노드와 컨트롤 플레인을 만드느라 몇 초 걸립니다.
      </p>
    </div>
  );
}
