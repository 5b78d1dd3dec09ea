import type { Capability } from '@contract';
import { canAny, useOptionalSession } from '../auth';
import { NotFoundPage } from '../pages/NotFoundPage';

/** Routes reserved to some capabilities: for the others they simply do not exist. */
export function Guard({ any, children }: { any: readonly Capability[]; children: React.ReactNode }) {
  const session = useOptionalSession();
  if (!canAny(session, any)) return <NotFoundPage />;
  return <>{children}</>;
}

