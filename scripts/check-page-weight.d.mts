// Types of check-page-weight.mjs for the TypeScript tests that import it.
export const DEFAULT_ROUTE: string;
export const DEFAULT_LIMIT_KB: number;
export const FORBIDDEN: readonly { name: string; pattern: RegExp }[];

export interface ChunkWeight {
  file: string;
  bytes: number;
  gzip: number;
  forbidden: string[];
}

export interface PageWeightOptions {
  distDir?: string;
  route?: string;
  limitKb?: number;
}

export function measureFirstLoad(options?: PageWeightOptions): {
  route: string;
  chunks: ChunkWeight[];
  totalGzip: number;
};

export function checkPageWeight(options?: PageWeightOptions): {
  route: string;
  chunks: ChunkWeight[];
  totalGzip: number;
  limitKb: number;
  problems: string[];
};
