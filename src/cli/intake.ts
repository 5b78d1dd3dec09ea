/** Intake commands (`maintien ingest arrets`, `maintien gen arrets`…). */
import type { Command } from 'commander';

export function registerIntakeCommands(cmd: Command): void {
  void cmd;
}
