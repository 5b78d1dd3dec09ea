/** `BENCH=risk npm run bench`: score a whole tenant of 1,000,000 workers (filled by the risk assessment part). */
export async function runRiskBench(): Promise<void> {}
