/**
 * Who reads the worklist « Repérage par l'indice » and runs its recalcul: the health
 * professionals of the service (capability risk.assess — médecin du travail, infirmier — and the
 * medical read of the service's workers). Everyone else, employers and partners included: 403.
 */
import { can, ensure, type Principal } from '../../../domain/access';
import { forbidden } from '../../../domain/errors';

export const SUGGESTIONS_REFUSED = "Seuls le médecin du travail et l'infirmier en santé au travail accèdent au repérage par l'indice.";

export function ensureSuggestionsReader(p: Principal): void {
  ensure(p, 'risk.assess', SUGGESTIONS_REFUSED);
  if (!can(p, 'read', 'medical', 'service')) throw forbidden(SUGGESTIONS_REFUSED);
}
