/** How a worker's name is shown: NOM D'USAGE (NOM DE NAISSANCE) Prénom. */
export function workerDisplayName(w: { birth_name: string; usage_name: string | null; first_names: string }): string {
  const first = w.first_names.trim().split(/[\s,]+/)[0] ?? w.first_names;
  const birth = w.birth_name.toUpperCase();
  const last = w.usage_name && w.usage_name.toUpperCase() !== birth ? `${w.usage_name.toUpperCase()} (${birth})` : birth;
  return `${last} ${first}`;
}
