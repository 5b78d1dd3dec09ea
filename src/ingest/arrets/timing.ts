/**
 * MAINTIEN_FLUX_DEBUG=1 prints the duration of each step of the flux pipeline and of `risk score-all` on stderr (tuning
 * aid; no data, only step names and milliseconds).
 */
const DEBUG = process.env.MAINTIEN_FLUX_DEBUG === '1';

export async function step<T>(name: string, p: () => Promise<T>): Promise<T> {
  if (!DEBUG) return p();
  const t = performance.now();
  const r = await p();
  console.error(`[flux] ${name} ${(performance.now() - t).toFixed(1)} ms`);
  return r;
}
