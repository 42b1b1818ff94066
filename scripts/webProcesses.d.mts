export const MAX_AUTO_PROCESSES: number;
export function webProcesses(env: Record<string, string | undefined>, cores?: number): number;
