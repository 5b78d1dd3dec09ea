/** How a referral is shown to the cell and to the partner it is addressed to. */
import type { ReferralRow } from '../../../db/repositories/referral.repository';
import {
  isReferralKind,
  isReferralStage,
  isReferralStatus,
  REFERRAL_KIND_LABELS,
  REFERRAL_STAGE_LABELS,
  REFERRAL_STATUS_LABELS,
} from '../../../domain/parcours/referrals';
import { kindLabel } from '../../consent/consent-format';

export function toReferralDto(r: ReferralRow) {
  return {
    id: r.id,
    dossierId: r.dossier_id,
    organisation: { id: r.organisation_id, name: r.organisation_name, kind: r.organisation_kind, kindLabel: kindLabel(r.organisation_kind) },
    kind: r.kind,
    kindLabel: isReferralKind(r.kind) ? REFERRAL_KIND_LABELS[r.kind] : r.kind,
    stage: r.stage,
    stageLabel: isReferralStage(r.stage) ? REFERRAL_STAGE_LABELS[r.stage] : r.stage,
    late: r.late,
    status: r.status,
    statusLabel: isReferralStatus(r.status) ? REFERRAL_STATUS_LABELS[r.status] : r.status,
    reason: r.reason,
    responseNote: r.response_note,
    respondedByName: r.responded_by_name,
    respondedAt: r.responded_at,
    feedback: r.feedback,
    feedbackByName: r.feedback_by_name,
    feedbackAt: r.feedback_at,
    createdByName: r.created_by_name,
    createdAt: r.created_at,
  };
}
