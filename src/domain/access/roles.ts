/** Roles of a membership, organisation kinds and data categories: the vocabulary of access. */

export const ROLES = [
  'medecin_travail',
  'infirmier',
  'assistant_social',
  'psychologue',
  'ergonome',
  'charge_mission',
  'assistant',
  'admin',
  'partner_agent',
  'employer',
  'worker',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  medecin_travail: 'Médecin du travail',
  infirmier: 'Infirmier·e en santé au travail',
  assistant_social: 'Assistant·e social·e',
  psychologue: 'Psychologue du travail',
  ergonome: 'Ergonome',
  charge_mission: 'Chargé·e de mission PDP',
  assistant: 'Assistant·e',
  admin: 'Administrateur·rice',
  partner_agent: 'Agent partenaire',
  employer: 'Employeur (RH)',
  worker: 'Salarié',
};

/** Roles of the SPSTI's own staff (the cell and the pluridisciplinary team). */
export const STAFF_ROLES: readonly Role[] = [
  'medecin_travail',
  'infirmier',
  'assistant_social',
  'psychologue',
  'ergonome',
  'charge_mission',
  'assistant',
  'admin',
];

/** Health professionals bound by medical secrecy (domain §10). */
export const HEALTH_PROFESSIONAL_ROLES: readonly Role[] = ['medecin_travail', 'infirmier'];

export const ORGANISATION_KINDS = [
  'spsti',
  'cpam',
  'service_medical',
  'carsat_service_social',
  'cap_emploi',
  'agefiph',
  'france_travail',
  'transitions_pro',
  'company',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const ORGANISATION_KIND_LABELS: Record<OrganisationKind, string> = {
  spsti: 'Service de prévention et de santé au travail',
  cpam: 'CPAM',
  service_medical: "Service médical de l'Assurance maladie",
  carsat_service_social: 'Service social Carsat',
  cap_emploi: 'Cap emploi',
  agefiph: 'Agefiph',
  france_travail: 'France Travail',
  transitions_pro: 'Transitions Pro',
  company: 'Entreprise adhérente',
};

/** Which organisation kinds a role may belong to. */
export const ROLE_ORGANISATION_KINDS: Record<Role, readonly OrganisationKind[]> = {
  medecin_travail: ['spsti'],
  infirmier: ['spsti'],
  assistant_social: ['spsti'],
  psychologue: ['spsti'],
  ergonome: ['spsti'],
  charge_mission: ['spsti'],
  assistant: ['spsti'],
  admin: ['spsti'],
  partner_agent: ['cpam', 'service_medical', 'carsat_service_social', 'cap_emploi', 'agefiph', 'france_travail', 'transitions_pro'],
  employer: ['company'],
  worker: ['spsti'],
};

export const CATEGORIES = ['medical', 'sensitive', 'administrative', 'employer_visible'] as const;
export type Category = (typeof CATEGORIES)[number];

export const CATEGORY_LABELS: Record<Category, string> = {
  medical: 'Médical',
  sensitive: 'Sensible',
  administrative: 'Administratif',
  employer_visible: "Visible par l'employeur",
};

export const isRole = (x: unknown): x is Role => typeof x === 'string' && (ROLES as readonly string[]).includes(x);
export const isCategory = (x: unknown): x is Category =>
  typeof x === 'string' && (CATEGORIES as readonly string[]).includes(x);
