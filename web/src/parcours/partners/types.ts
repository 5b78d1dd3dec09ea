/** Shapes of the parcours / partners API (src/http/routes/parcours/partners.ts). */

export interface Org {
  id: string;
  name: string;
  kind: string;
  kindLabel: string;
}

export interface Consent {
  id: string;
  purpose: string;
  purposeLabel: string;
  organisation: Org;
  grantedAt: string;
  withdrawnAt: string | null;
  current: boolean;
  source: string;
  sourceLabel: string;
  recordedByName: string | null;
  withdrawalSourceLabel: string | null;
}

export interface Registry {
  workerId: string;
  canManage: boolean;
  purposes: { code: string; label: string; description: string; recipientKinds: string[] }[];
  organisations: Org[];
  consents: Consent[];
}

export interface Referral {
  id: string;
  dossierId: string;
  organisation: Org;
  kind: string;
  kindLabel: string;
  stage: string;
  stageLabel: string;
  late: boolean;
  status: string;
  statusLabel: string;
  reason: string;
  responseNote: string | null;
  respondedByName: string | null;
  respondedAt: string | null;
  feedback: string | null;
  feedbackByName: string | null;
  feedbackAt: string | null;
  createdByName: string | null;
  createdAt: string;
}

export interface DossierReferrals {
  workerId: string;
  lead: Org | null;
  canManage: boolean;
  organisations: (Org & { consent: boolean })[];
  kinds: { code: string; label: string }[];
  stages: { code: string; label: string; late: boolean }[];
  items: Referral[];
}

export interface Message {
  id: string;
  senderSide: 'cellule' | 'partenaire';
  senderName: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}

export interface Thread {
  organisationId: string;
  side: 'cellule' | 'partenaire';
  items: Message[];
}

export interface Threads {
  items: { organisation: Org; consent: boolean; messages: number; unread: number; lastAt: string | null }[];
  unread: number;
}

export interface Entry {
  id: string;
  kind: string;
  category: string;
  categoryLabel: string;
  title: string | null;
  body: string;
  authorName: string | null;
  createdAt: string;
  sharedWithWorker: boolean;
}

export interface PartnerCase {
  id: string;
  reference: string;
  state: string;
  stateLabel: string;
  openedAt: string;
  workerName: string;
  lead: { id: string; name: string; kindLabel: string; isMe: boolean } | null;
  timeline: Entry[];
  referrals: Referral[];
  unreadMessages: number;
}

export interface PartnerDossierItem {
  id: string;
  reference: string;
  state: string;
  stateLabel: string;
  workerName: string;
  updatedAt: string;
  unreadMessages: number;
  pendingReferrals: number;
  isLead: boolean;
}

export interface SharedRiskLevel {
  finalLevel: number | null;
  levelLabel?: string;
  signedAt?: string;
}
