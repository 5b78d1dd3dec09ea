import type { Command } from 'commander';

/** `maintien risk …` (calibrate, evaluate, gen cohort): filled by the risk evaluation part. */
export function registerRiskCommands(cmd: Command): void {
  void cmd;
}
