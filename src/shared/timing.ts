/**
 * Step timing, a tuning aid for the set-based pipelines (the flux chunks, the intake rules,
 * `risk score-all`): with MAINTIEN_TIMING=1, `step` prints each step's name and milliseconds on
 * stderr — no data. MAINTIEN_FLUX_DEBUG=1, its former name, still works.
 *
 * Neutral shared module: it imports nothing of the project, so every layer may use it.
 */
const ENABLED = process.env.MAINTIEN_TIMING === '1' || process.env.MAINTIEN_FLUX_DEBUG === '1';

/** Total milliseconds per step name, while a benchmark collects them (`collectSteps`). */
let totals: Map<string, number> | null = null;

export async function step<T>(name: string, p: () => Promise<T>): Promise<T> {
  if (!ENABLED && !totals) return p();
  const t = performance.now();
  const r = await p();
  const ms = performance.now() - t;
  if (totals) totals.set(name, (totals.get(name) ?? 0) + ms);
  if (ENABLED) console.error(`[timing] ${name} ${ms.toFixed(1)} ms`);
  return r;
}

/** Starts summing the steps' times (a benchmark's profile); `stop` returns the totals and stops. */
export function collectSteps(): { stop(): Map<string, number> } {
  totals = new Map();
  return {
    stop() {
      const t = totals ?? new Map<string, number>();
      totals = null;
      return t;
    },
  };
}
