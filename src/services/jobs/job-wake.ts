/**
 * In-process wake-up of the runner loops: a job just started in this process is picked up at
 * once instead of at the next poll. Other processes find it at their next poll (docs/jobs.md).
 */
const listeners = new Set<() => void>();

export function onJobQueued(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function notifyJobQueued(): void {
  for (const l of listeners) l();
}
