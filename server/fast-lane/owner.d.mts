// Types of owner.mjs (plain JavaScript, so the workers need no TypeScript loader).
export interface StickyConfig {
  workers: number;
  index: number;
  prefix: string;
  secret: string;
}

export declare function idHash(id: string): number;
export declare function ownerIndex(sandboxId: string, workers: number): number;
export declare function socketPath(prefix: string, index: number): string;
export declare function stickyConfig(
  env: Record<string, string | undefined>,
): StickyConfig | undefined;
export declare function ownedId(
  draw: () => string,
  config: Pick<StickyConfig, "workers" | "index"> | undefined,
): string;
