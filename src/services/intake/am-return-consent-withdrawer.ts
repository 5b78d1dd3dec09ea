/**
 * Records that the worker withdraws his agreement to the transmission of job information to
 * the Assurance maladie. Messages not yet delivered then leave without it (domain §10).
 */
import * as returns from '../../db/repositories/am-return.repository';
import * as dossiers from '../../db/repositories/dossier.repository';
import { ensure } from '../../domain/access';
import { JOB_INFO_CONSENT_PURPOSE, JOB_INFO_RECIPIENT_KIND } from '../../domain/intake/am-return';
import type { Ctx } from '../context';
import { loadDossier } from '../dossier/dossier-access';

export async function withdrawJobInfoConsent(ctx: Ctx, dossierId: string) {
  const p = ctx.principal;
  ensure(p, 'amreturn.manage');
  const { dossier } = await loadDossier(ctx, dossierId, { forUpdate: true });
  const current = await returns.findCurrentConsents(ctx.trx, p.tenantId, [dossier.worker_id], JOB_INFO_CONSENT_PURPOSE, JOB_INFO_RECIPIENT_KIND);
  const n = await returns.withdrawConsents(ctx.trx, p.tenantId, current.map((c) => c.id), ctx.now);
  if (n > 0) {
    // One withdrawal event per consent; the dossier's timeline shows the withdrawal once, with the first.
    for (const [i, c] of current.entries()) {
      await ctx.record({
        action: 'consent.withdraw', subjectType: 'consent', subjectId: c.id, category: 'administrative', purpose: JOB_INFO_CONSENT_PURPOSE, details: { dossierId: dossier.id },
        timeline:
          i === 0
            ? {
                dossierId: dossier.id,
                kind: 'am_return',
                category: 'administrative',
                title: 'Accord de transmission du poste retiré',
                body: "Le salarié retire son accord à la transmission d'informations sur son poste : les messages non encore transmis partiront sans elles.",
              }
            : undefined,
      });
    }
    await dossiers.touchDossier(ctx.trx, p.tenantId, dossier.id, ctx.now);
  }
  return { withdrawn: n };
}
