/**
 * Step timing, a tuning aid for the set-based pipelines (the flux chunks, the intake rules,
 * `risk score-all`): with MAINTIEN_TIMING=1, `step` prints each step's name and milliseconds on
 * stderr — no data. MAINTIEN_FLUX_DEBUG=1, its former name, still works.
 *
 * Neutral shared module: it imports nothing of the project, so every layer may use it.
 */
const ENABLED = process.env.MAINTIEN_TIMING === '1' || process.env.MAINTIEN_FLUX_DEBUG === '1';

export async function step<T>(name: string, p: () => Promise<T>): Promise<T> {
  if (!ENABLED) return p();
  const t = performance.now();
  const r = await p();
  console.error(`[timing] ${name} ${(performance.now() - t).toFixed(1)} ms`);
  return r;
}
