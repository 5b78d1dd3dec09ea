/**
 * Purposes of a worker's consent (domain §10: every transmission outside the SPSTI checks a
 * recorded, current consent naming the recipient organisation and what it is for). A consent
 * row holds one purpose and one recipient organisation; withdrawal stops future sharing at once.
 */
import type { OrganisationKind } from '../access/roles';

export const CONSENT_PURPOSES = ['partage_dossier', 'instance_partenariale', 'transmission_am', 'retour_am_poste'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export const isConsentPurpose = (x: unknown): x is ConsentPurpose => typeof x === 'string' && (CONSENT_PURPOSES as readonly string[]).includes(x);

/** Organisations that may receive information about a worker (every kind but the SPSTI and companies). */
export const PARTNER_ORGANISATION_KINDS: readonly OrganisationKind[] = [
  'cpam',
  'service_medical',
  'carsat_service_social',
  'cap_emploi',
  'agefiph',
  'france_travail',
  'transitions_pro',
];

export interface ConsentPurposeDefinition {
  label: string;
  /** What the worker agrees to, in words he understands (shown in his carnet). */
  description: string;
  /** The recipient may open the shared dossier (partner space, adressages, secure messages). */
  sharesDossier: boolean;
  /** Kinds of organisation this purpose may name. */
  recipientKinds: readonly OrganisationKind[];
}

export const CONSENT_PURPOSE_DEFINITIONS: Readonly<Record<ConsentPurpose, ConsentPurposeDefinition>> = {
  partage_dossier: {
    label: 'Partage du dossier avec le partenaire',
    description:
      "Le partenaire voit les éléments non médicaux de votre parcours, peut recevoir un adressage de la cellule et échanger avec elle par messagerie sécurisée.",
    sharesDossier: true,
    recipientKinds: PARTNER_ORGANISATION_KINDS,
  },
  instance_partenariale: {
    label: 'Échanges en instance partenariale',
    description: "Votre situation peut être présentée et discutée avec ce partenaire lors d'une instance d'examen des cas complexes.",
    sharesDossier: false,
    recipientKinds: PARTNER_ORGANISATION_KINDS,
  },
  transmission_am: {
    label: "Transmission d'éléments à l'Assurance maladie",
    description: "La cellule peut transmettre à l'Assurance maladie (CPAM, service médical) les éléments utiles à une mesure de maintien (essai encadré, CRPE, formation pendant l'arrêt).",
    sharesDossier: false,
    recipientKinds: ['cpam', 'service_medical'],
  },
  retour_am_poste: {
    label: "Retour d'informations sur le poste à l'Assurance maladie",
    description: "Les informations sur votre poste et vos conditions de travail peuvent être transmises à la CPAM (article L4622-2-1 du code du travail).",
    sharesDossier: false,
    recipientKinds: ['cpam'],
  },
};

export const CONSENT_PURPOSE_LABELS: Readonly<Record<ConsentPurpose, string>> = Object.fromEntries(
  CONSENT_PURPOSES.map((p) => [p, CONSENT_PURPOSE_DEFINITIONS[p].label]),
) as Record<ConsentPurpose, string>;

/** Purposes whose current consent opens the dossier to the recipient organisation. */
export const DOSSIER_SHARING_PURPOSES: readonly ConsentPurpose[] = CONSENT_PURPOSES.filter((p) => CONSENT_PURPOSE_DEFINITIONS[p].sharesDossier);

/** The purpose a referral (adressage, transfert) and the partner's access need. */
export const PARTNER_SHARING_PURPOSE: ConsentPurpose = 'partage_dossier';

/** May a consent for `purpose` name an organisation of `kind`? */
export function purposeAllowsRecipient(purpose: ConsentPurpose, kind: string): boolean {
  return (CONSENT_PURPOSE_DEFINITIONS[purpose].recipientKinds as readonly string[]).includes(kind);
}

/** How a consent was obtained: given by the worker in his space, or recorded by the cell. */
export const CONSENT_SOURCES = ['salarie', 'professionnel_ecrit', 'professionnel_oral', 'professionnel'] as const;
export type ConsentSource = (typeof CONSENT_SOURCES)[number];

export const CONSENT_SOURCE_LABELS: Readonly<Record<ConsentSource, string>> = {
  salarie: 'Donné par le salarié dans son espace',
  professionnel_ecrit: 'Recueilli par écrit par la cellule',
  professionnel_oral: 'Recueilli oralement par la cellule',
  professionnel: 'Enregistré par la cellule',
};
