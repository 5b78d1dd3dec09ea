/** How many quarantined lines wait for a person (navigation badge). No identity is read. */
import * as fluxAdmin from '../../db/repositories/flux-admin.repository';
import { ensure } from '../../domain/access';
import type { Ctx } from '../context';

export async function countQuarantine(ctx: Ctx) {
  ensure(ctx.principal, 'quarantine.resolve');
  const counts = await fluxAdmin.countQuarantineByStatus(ctx.trx, ctx.principal.tenantId);
  return { pending: counts.a_traiter ?? 0 };
}
