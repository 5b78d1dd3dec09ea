import type { Command } from 'commander';

/** `maintien …` commands of the parcours parts (filled by their owners if needed). */
export function registerParcoursCommands(cmd: Command): void {
  void cmd;
}
