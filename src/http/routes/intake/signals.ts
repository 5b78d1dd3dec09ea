import type { App, Deps } from '../../deps';

/** Routes of the signals intake channel. */
export function signalsRoutes(app: App, deps: Deps): void {
  void app;
  void deps;
}
