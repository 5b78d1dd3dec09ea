/**
 * The consent registry of one worker: every consent (current and withdrawn, with dates and who
 * recorded it), the organisations of the service that may receive one, and the purposes.
 */
import * as consents from '../../db/repositories/consent.repository';
import { has } from '../../domain/access';
import type { Ctx } from '../context';
import { kindLabel, purposeOptions, RECIPIENT_KINDS, toConsentDto } from './consent-format';
import { consentSubject } from './consent-subject';

/** `workerId` null: the worker's own registry (worker space). */
export async function listConsents(ctx: Ctx, workerId: string | null) {
  const p = ctx.principal;
  const subject = await consentSubject(ctx, workerId, { write: false });
  const [rows, orgs] = await Promise.all([
    consents.listWorkerConsents(ctx.trx, p.tenantId, subject.workerId),
    consents.findOrganisationsOfKinds(ctx.trx, p.tenantId, RECIPIENT_KINDS),
  ]);
  return {
    workerId: subject.workerId,
    canManage: subject.actor === 'salarie' || has(p, 'consent.manage'),
    purposes: purposeOptions(),
    organisations: orgs.map((o) => ({ id: o.id, name: o.name, kind: o.kind, kindLabel: kindLabel(o.kind) })),
    consents: rows.map(toConsentDto),
  };
}
