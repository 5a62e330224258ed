export declare function parseWorkerArgs(argv: string[]): {
  port: number;
  hostname: string | undefined;
  keepAliveTimeout: number | undefined;
};
