// framework.CycleState: data plugins compute in PreFilter/PreScore and read in Filter/Score.
// Values implement clone() so preemption can try removing pods without corrupting the cycle.

export interface StateData {
  clone(): StateData;
}

export class CycleState {
  private readonly data = new Map<string, StateData>();
  /** Plugins whose PreFilter/PreScore returned Skip: their Filter/Score are not run. */
  readonly skipFilterPlugins = new Set<string>();
  readonly skipScorePlugins = new Set<string>();
  /**
   * PreFilterResult.NodeNames: when a PreFilter plugin knows only some nodes can fit (node
   * affinity on metadata.name), only those are filtered. null means all nodes.
   */
  preFilterNodeNames: Set<string> | null = null;
  /** Framework cache: the filter plugins that run this cycle (reset when skips change). */
  activeFilters: readonly object[] | null = null;
  activeFiltersPod: object | null = null;

  restrictNodes(names: ReadonlySet<string>): void {
    this.preFilterNodeNames =
      this.preFilterNodeNames === null
        ? new Set(names)
        : new Set([...this.preFilterNodeNames].filter((n) => names.has(n)));
  }

  read<T extends StateData>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }

  write(key: string, value: StateData): void {
    this.data.set(key, value);
  }

  clone(): CycleState {
    const copy = new CycleState();
    for (const [key, value] of this.data) copy.data.set(key, value.clone());
    for (const name of this.skipFilterPlugins) copy.skipFilterPlugins.add(name);
    for (const name of this.skipScorePlugins) copy.skipScorePlugins.add(name);
    copy.preFilterNodeNames = this.preFilterNodeNames;
    return copy;
  }
}
