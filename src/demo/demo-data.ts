/**
 * Vocabulary of the demo tenant: places of Hauts-de-France, names, sectors and jobs, and the
 * French texts of the case notes. Every person and company built from these lists is
 * fictitious; only the places are real.
 */

export interface Place {
  city: string;
  postalCode: string;
  /** INSEE code of the commune: department (2) + commune (3); used as birthplace in NIRs. */
  insee: string;
}

export const PLACES: readonly Place[] = [
  { city: 'Lille', postalCode: '59000', insee: '59350' },
  { city: 'Roubaix', postalCode: '59100', insee: '59512' },
  { city: 'Tourcoing', postalCode: '59200', insee: '59599' },
  { city: "Villeneuve-d'Ascq", postalCode: '59650', insee: '59009' },
  { city: 'Dunkerque', postalCode: '59140', insee: '59183' },
  { city: 'Valenciennes', postalCode: '59300', insee: '59606' },
  { city: 'Douai', postalCode: '59500', insee: '59178' },
  { city: 'Cambrai', postalCode: '59400', insee: '59122' },
  { city: 'Maubeuge', postalCode: '59600', insee: '59392' },
  { city: 'Armentières', postalCode: '59280', insee: '59017' },
  { city: 'Wattrelos', postalCode: '59150', insee: '59650' },
  { city: 'Marcq-en-Barœul', postalCode: '59700', insee: '59378' },
  { city: 'Seclin', postalCode: '59113', insee: '59560' },
  { city: 'Denain', postalCode: '59220', insee: '59172' },
  { city: 'Lens', postalCode: '62300', insee: '62498' },
  { city: 'Arras', postalCode: '62000', insee: '62041' },
  { city: 'Béthune', postalCode: '62400', insee: '62119' },
  { city: 'Calais', postalCode: '62100', insee: '62193' },
  { city: 'Boulogne-sur-Mer', postalCode: '62200', insee: '62160' },
  { city: 'Liévin', postalCode: '62800', insee: '62510' },
  { city: 'Hénin-Beaumont', postalCode: '62110', insee: '62427' },
  { city: 'Saint-Omer', postalCode: '62500', insee: '62765' },
  { city: 'Amiens', postalCode: '80000', insee: '80021' },
  { city: 'Abbeville', postalCode: '80100', insee: '80001' },
  { city: 'Albert', postalCode: '80300', insee: '80016' },
  { city: 'Beauvais', postalCode: '60000', insee: '60057' },
  { city: 'Compiègne', postalCode: '60200', insee: '60159' },
  { city: 'Creil', postalCode: '60100', insee: '60175' },
  { city: 'Saint-Quentin', postalCode: '02100', insee: '02691' },
  { city: 'Soissons', postalCode: '02200', insee: '02722' },
  { city: 'Laon', postalCode: '02000', insee: '02408' },
];

/** Where companies sit: the SPSTI's territory (métropole lilloise, bassin minier, littoral). */
export const COMPANY_PLACES: readonly Place[] = PLACES.slice(0, 22);

/** Local areas (« pays ») with the form taking « de » : {pays} « Artois », {dupays} « de l'Artois ». */
export const REGION_AREAS: readonly [string, string][] = [
  ['Hainaut', 'du Hainaut'],
  ['Ostrevent', "de l'Ostrevent"],
  ['Pévèle', 'de la Pévèle'],
  ['Flandres', 'des Flandres'],
  ['Artois', "de l'Artois"],
  ['Boulonnais', 'du Boulonnais'],
  ['Cambrésis', 'du Cambrésis'],
  ['Avesnois', "de l'Avesnois"],
  ['Mélantois', 'du Mélantois'],
  ['Weppes', 'des Weppes'],
  ['Ternois', 'du Ternois'],
  ['Audomarois', "de l'Audomarois"],
  ['Calaisis', 'du Calaisis'],
  ['Douaisis', 'du Douaisis'],
];

export const SURNAMES = [
  'Martin', 'Lefebvre', 'Dubois', 'Leroy', 'Dupont', 'Lambert', 'Bernard', 'Petit', 'Durand',
  'Mercier', 'Vasseur', 'Delattre', 'Delannoy', 'Dhont', 'Desmet', 'Vandamme', 'Wattez',
  'Caron', 'Lecomte', 'Fontaine', 'Roussel', 'Lemoine', 'Deschamps', 'Pruvost',
  'Boulanger', 'Lefort', 'Évrard', 'Poulain', 'Gosselin', 'Becquet', 'Six', 'Deleplanque',
  'Bouchez', 'Lemaître', 'Delbecq', 'Vanhoutte', 'Verhaeghe', 'Van de Velde', 'Decroix', 'Flament',
  'Gosset', 'Wallart', 'Descamps', 'Hochart', 'Lebrun', 'Masson', 'Morel', 'Bonnet', 'Garnier',
  'Robert', 'Richard', 'Thomas', 'Moreau', 'Laurent', 'Simon', 'Michel', 'Girard', 'Roux',
  'Fournier', 'Benali', 'Haddad', 'Ramdani', 'Bensaïd', 'Mansouri', 'Kaci', 'Nowak',
  'Kowalski', 'Wisniewski', 'Lewandowski', 'Szymanski', 'Da Silva', 'Ferreira', 'Pereira',
  'Diallo', 'Traoré', 'Nguyen', 'Cordier', 'Lagache', 'Dewailly', 'Demarcq', 'Delahaye',
  'Sauvage', 'Bocquet', 'Lheureux', 'Facon', 'Dequidt', 'Ducrocq', 'Leroux', 'Tison', 'Dufour',
  'Carpentier', 'Lemaire', 'Duhamel', 'Leclercq', 'Dumont', 'Delcourt', 'Hennebelle', 'Lecoeuvre',
  'Marquis', 'Dassonville', 'Watteau', 'Crépin', 'Lesage', 'Ledoux', 'Obert', 'Questroy',
] as const;

/** First names by generation (born before / from 1980) and sex, as registered in the INS. */
export const FIRST_NAMES = {
  older: {
    1: ['Jean', 'Philippe', 'Patrick', 'Pascal', 'Thierry', 'Éric', 'Christophe', 'Stéphane', 'Laurent',
      'Frédéric', 'Olivier', 'Didier', 'Alain', 'Michel', 'Gilles', 'Franck', 'Fabrice', 'Bruno',
      'Dominique', 'Jean-Marc', 'Jean-Luc', 'Hervé', 'Joël', 'Rachid', 'Mohamed', 'Serge', 'Daniel'],
    2: ['Nathalie', 'Isabelle', 'Sylvie', 'Catherine', 'Christine', 'Sandrine', 'Valérie', 'Véronique',
      'Martine', 'Patricia', 'Brigitte', 'Françoise', 'Corinne', 'Dominique', 'Pascale', 'Karine',
      'Fabienne', 'Muriel', 'Laurence', 'Béatrice', 'Marie-Christine', 'Fatima', 'Nadine', 'Chantal'],
  },
  younger: {
    1: ['Sébastien', 'Nicolas', 'Julien', 'Jérôme', 'Cédric', 'Mickaël', 'Grégory', 'Anthony', 'Kévin',
      'Maxime', 'Thomas', 'Alexandre', 'Romain', 'Florian', 'Quentin', 'Dylan', 'Hugo', 'Lucas',
      'Théo', 'Karim', 'Mehdi', 'Youssef', 'Jonathan', 'Benjamin', 'Guillaume', 'Damien', 'Ludovic',
      'Arnaud', 'Bastien', 'Jordan', 'Valentin', 'Yanis'],
    2: ['Céline', 'Aurélie', 'Émilie', 'Julie', 'Laetitia', 'Audrey', 'Virginie', 'Stéphanie', 'Sophie',
      'Camille', 'Manon', 'Léa', 'Chloé', 'Laura', 'Sarah', 'Pauline', 'Marine', 'Océane', 'Justine',
      'Amandine', 'Mélanie', 'Élodie', 'Nadia', 'Samira', 'Inès', 'Jessica', 'Cindy', 'Anaïs',
      'Morgane', 'Coralie', 'Delphine', 'Charlotte'],
  },
} as const;

export interface Job {
  /** Masculine and feminine forms of the title. */
  m: string;
  f: string;
  /** PCS code where the match is unambiguous (null otherwise). */
  pcs: string | null;
  weight: number;
  /** Share of women in the job, for realistic sex ratios. */
  women: number;
}

export interface Sector {
  naf: string;
  label: string;
  /** Name patterns: {nom} a surname, {ville} the city, {pays} / {dupays} a local area. */
  names: readonly string[];
  workforce: readonly [number, number];
  /** Relative number of followed workers (large employers weigh more). */
  weight: number;
  jobs: readonly Job[];
}

const job = (m: string, f: string, pcs: string | null, weight: number, women: number): Job => ({ m, f, pcs, weight, women });

export const SECTORS: readonly Sector[] = [
  {
    naf: '8710A', label: 'Hébergement médicalisé pour personnes âgées',
    names: ['EHPAD Les Tilleuls', 'Résidence Les Glycines', 'EHPAD Le Clos {dupays}', 'Résidence Sainte-Claire', 'EHPAD Les Charmilles'],
    workforce: [60, 140], weight: 4,
    jobs: [job('Aide-soignant', 'Aide-soignante', '526a', 6, 0.88), job('Agent de service hospitalier', 'Agente de service hospitalier', null, 4, 0.85),
      job('Infirmier', 'Infirmière', '431f', 2, 0.85), job('Cuisinier', 'Cuisinière', null, 1, 0.4), job('Animateur', 'Animatrice', null, 1, 0.8)],
  },
  {
    naf: '8610Z', label: 'Activités hospitalières',
    names: ['Clinique Saint-Roch', 'Polyclinique {dupays}', 'Clinique des Acacias', 'Centre hospitalier privé de {ville}'],
    workforce: [250, 1400], weight: 6,
    jobs: [job('Aide-soignant', 'Aide-soignante', '526a', 5, 0.85), job('Infirmier', 'Infirmière', '431f', 5, 0.85),
      job('Brancardier', 'Brancardière', null, 2, 0.3), job('Agent de service hospitalier', 'Agente de service hospitalier', null, 3, 0.8),
      job('Secrétaire médical', 'Secrétaire médicale', '542a', 2, 0.95), job('Manipulateur en radiologie', 'Manipulatrice en radiologie', null, 1, 0.6)],
  },
  {
    naf: '4711D', label: 'Supermarchés',
    names: ['Supermarché {dupays}', 'Marché Frais {nom}', 'Distri {ville}', 'Supermarché {nom} et Fils'],
    workforce: [40, 180], weight: 4,
    jobs: [job('Caissier', 'Caissière', '552a', 5, 0.8), job('Employé libre-service', 'Employée libre-service', null, 4, 0.5),
      job('Boucher', 'Bouchère', '636a', 1, 0.15), job('Boulanger', 'Boulangère', '636c', 1, 0.3),
      job('Responsable de rayon', 'Responsable de rayon', null, 1, 0.45), job('Manutentionnaire', 'Manutentionnaire', null, 1, 0.2)],
  },
  {
    naf: '4941A', label: 'Transports routiers de fret interurbains',
    names: ['Transports {nom}', 'Transports {nom} et Fils', '{nom} Logistique routière', 'Transports {dupays}'],
    workforce: [25, 220], weight: 4,
    jobs: [job('Chauffeur poids lourd', 'Conductrice poids lourd', '641a', 6, 0.06), job('Cariste', 'Cariste', '652a', 2, 0.12),
      job('Préparateur de commandes', 'Préparatrice de commandes', null, 2, 0.25), job('Mécanicien poids lourd', 'Mécanicienne poids lourd', null, 1, 0.05),
      job('Exploitant transport', 'Exploitante transport', null, 1, 0.4)],
  },
  {
    naf: '5210B', label: 'Entreposage et stockage non frigorifique',
    names: ['Entrepôts {nom}', 'Plateforme logistique de {ville}', '{pays} Logistique'],
    workforce: [60, 400], weight: 3,
    jobs: [job('Cariste', 'Cariste', '652a', 4, 0.12), job('Préparateur de commandes', 'Préparatrice de commandes', null, 5, 0.3),
      job("Chef d'équipe logistique", "Cheffe d'équipe logistique", null, 1, 0.25), job('Agent de quai', 'Agente de quai', null, 2, 0.15)],
  },
  {
    naf: '1013A', label: 'Préparation industrielle de produits à base de viande',
    names: ['Charcuterie {nom}', 'Salaisons {dupays}', 'Charcuterie artisanale de {ville}'],
    workforce: [30, 260], weight: 3,
    jobs: [job('Opérateur de production', 'Opératrice de production', null, 5, 0.45), job('Boucher désosseur', 'Bouchère désosseuse', null, 2, 0.1),
      job('Agent de conditionnement', 'Agente de conditionnement', null, 3, 0.6), job('Conducteur de ligne', 'Conductrice de ligne', null, 1, 0.3),
      job('Agent de nettoyage industriel', 'Agente de nettoyage industriel', null, 1, 0.4)],
  },
  {
    naf: '4120A', label: 'Construction de maisons individuelles',
    names: ['Maisons {nom}', '{nom} Construction', 'Bâtir en {pays}', 'Maisons {dupays}'],
    workforce: [12, 90], weight: 3,
    jobs: [job('Maçon', 'Maçonne', '632a', 6, 0.02), job('Coffreur bancheur', 'Coffreuse bancheuse', null, 2, 0.02),
      job('Chef de chantier', 'Cheffe de chantier', null, 1, 0.05), job('Manœuvre', 'Manœuvre', null, 2, 0.03),
      job("Conducteur d'engins", "Conductrice d'engins", null, 1, 0.05)],
  },
  {
    naf: '4321A', label: "Travaux d'installation électrique",
    names: ['{nom} Électricité', 'Électricité {dupays}', 'Installations électriques {nom}'],
    workforce: [8, 60], weight: 2,
    jobs: [job('Électricien', 'Électricienne', null, 5, 0.04), job('Apprenti électricien', 'Apprentie électricienne', null, 1, 0.05)],
  },
  {
    naf: '8810A', label: 'Aide à domicile',
    names: ['Aide à domicile {ville}', '{pays} Services à la personne', 'Domicile Plus {ville}', 'Association Bien Chez Soi'],
    workforce: [40, 300], weight: 4,
    jobs: [job('Aide à domicile', 'Aide à domicile', '563b', 6, 0.95), job('Auxiliaire de vie sociale', 'Auxiliaire de vie sociale', null, 3, 0.92),
      job('Responsable de secteur', 'Responsable de secteur', null, 1, 0.85)],
  },
  {
    naf: '8121Z', label: 'Nettoyage courant des bâtiments',
    names: ['{nom} Propreté', 'Net Services {ville}', 'Propreté {dupays}'],
    workforce: [30, 350], weight: 3,
    jobs: [job('Agent de propreté', 'Agente de propreté', '684a', 7, 0.7), job("Chef d'équipe propreté", "Cheffe d'équipe propreté", null, 1, 0.5)],
  },
  {
    naf: '5610A', label: 'Restauration traditionnelle',
    names: ['Estaminet {nom}', 'Brasserie du Beffroi', 'Restaurant Le Beffroi de {ville}', 'Brasserie {nom}'],
    workforce: [6, 35], weight: 2,
    jobs: [job('Cuisinier', 'Cuisinière', null, 3, 0.35), job('Commis de cuisine', 'Commis de cuisine', null, 2, 0.4),
      job('Serveur', 'Serveuse', null, 3, 0.55), job('Plongeur', 'Plongeuse', null, 1, 0.3)],
  },
  {
    naf: '2562B', label: 'Mécanique industrielle',
    names: ['Mécanique {nom}', 'Usinage de précision {dupays}', 'Ateliers {nom}', 'Mécanique générale de {ville}'],
    workforce: [20, 180], weight: 3,
    jobs: [job('Tourneur-fraiseur', 'Tourneuse-fraiseuse', null, 3, 0.05), job('Soudeur', 'Soudeuse', null, 2, 0.05),
      job('Ajusteur-monteur', 'Ajusteuse-monteuse', null, 2, 0.08), job('Opérateur sur commande numérique', 'Opératrice sur commande numérique', null, 3, 0.15),
      job('Technicien de maintenance', 'Technicienne de maintenance', null, 1, 0.08)],
  },
  {
    naf: '1071C', label: 'Boulangerie et boulangerie-pâtisserie',
    names: ['Boulangerie {nom}', 'Au Pain {dupays}', 'Boulangerie-pâtisserie {nom}'],
    workforce: [4, 20], weight: 1,
    jobs: [job('Boulanger', 'Boulangère', '636c', 3, 0.2), job('Pâtissier', 'Pâtissière', '636c', 1, 0.4), job('Vendeur en boulangerie', 'Vendeuse en boulangerie', null, 3, 0.85)],
  },
  {
    naf: '4520A', label: 'Entretien et réparation de véhicules automobiles légers',
    names: ['Garage {nom}', 'Garage {dupays}', 'Auto Services {ville}'],
    workforce: [5, 30], weight: 1,
    jobs: [job('Mécanicien automobile', 'Mécanicienne automobile', null, 4, 0.05), job('Carrossier', 'Carrossière', null, 2, 0.05), job('Réceptionnaire après-vente', 'Réceptionnaire après-vente', null, 1, 0.4)],
  },
  {
    naf: '2229A', label: 'Fabrication de pièces techniques à base de matières plastiques',
    names: ['Plastiques {dupays}', '{nom} Plasturgie', 'Injection Plastique de {ville}'],
    workforce: [40, 220], weight: 2,
    jobs: [job('Opérateur de production', 'Opératrice de production', null, 5, 0.4), job('Régleur sur presse', 'Régleuse sur presse', null, 2, 0.1), job('Contrôleur qualité', 'Contrôleuse qualité', null, 1, 0.5)],
  },
  {
    naf: '6920Z', label: 'Activités comptables',
    names: ['Cabinet {nom} Expertise comptable', '{nom} & Associés', 'Fiduciaire {dupays}'],
    workforce: [6, 45], weight: 1,
    jobs: [job('Comptable', 'Comptable', null, 3, 0.7), job('Assistant comptable', 'Assistante comptable', null, 2, 0.85), job('Secrétaire', 'Secrétaire', '542a', 1, 0.95)],
  },
  {
    naf: '8622C', label: 'Autres activités des médecins spécialistes',
    names: ['Centre de radiologie de {ville}', "Cabinet d'imagerie {dupays}"],
    workforce: [8, 40], weight: 1,
    jobs: [job('Secrétaire médical', 'Secrétaire médicale', '542a', 3, 0.95), job('Manipulateur en radiologie', 'Manipulatrice en radiologie', null, 2, 0.6)],
  },
];

/** Contract types with their weights (most followed workers are on permanent contracts). */
export const CONTRACTS = ['cdi', 'cdd', 'interim', 'apprentissage'] as const;
export const CONTRACT_WEIGHTS = [82, 10, 5, 3] as const;

// ---------------------------------------------------------------------------------------------
// Case texts. Medical content appears only in MEDICAL_NOTES; every other list is written so that
// it can be read by anyone entitled to its category (DEMO_MEDICAL_VOCABULARY guards that).
// ---------------------------------------------------------------------------------------------

/** Clinical notes (category medical), written by the médecin du travail or the infirmier. */
export const MEDICAL_NOTES: readonly { title: string; body: string }[] = [
  { title: 'Consultation', body: 'Lombalgie chronique, restrictions port de charges > 10 kg.' },
  { title: 'Consultation', body: "Tendinopathie de l'épaule droite ; gestes au-dessus du plan des épaules à limiter." },
  { title: 'Visite de pré-reprise', body: 'Syndrome du canal carpien bilatéral opéré, récupération partielle de la force de préhension.' },
  { title: 'Visite de pré-reprise', body: 'Épisode dépressif en cours de traitement, suivi par le médecin traitant. Reprise à envisager progressivement.' },
  { title: 'Consultation', body: 'Syndrome anxio-dépressif réactionnel, arrêt prolongé ; pas de contre-indication à un poste sans contact avec le public.' },
  { title: 'Visite de reprise', body: 'Suites de chirurgie du genou (ligamentoplastie), station debout prolongée déconseillée pendant 3 mois.' },
  { title: 'Consultation', body: 'Diabète insulino-traité, horaires réguliers nécessaires ; travail de nuit contre-indiqué.' },
  { title: 'Visite de pré-reprise', body: 'Lombosciatique sur hernie discale L5-S1, infiltration prévue ; pas de port de charges ni de vibrations.' },
  { title: 'Visite de pré-reprise', body: 'Cancer du sein en rémission, fatigabilité persistante après chimiothérapie.' },
  { title: 'Consultation', body: 'Arthrose des genoux, périmètre de marche réduit ; accroupissements impossibles.' },
  { title: 'Consultation', body: "Asthme suspecté d'origine professionnelle, exposition aux produits de nettoyage à évaluer." },
  { title: 'Entretien', body: 'Épuisement professionnel (burn-out), suivi psychiatrique en cours.' },
  { title: 'Visite de reprise', body: 'Infarctus du myocarde il y a 4 mois, réadaptation cardiaque terminée ; efforts intenses à éviter.' },
  { title: 'Examen', body: "Examen clinique : limitation de l'abduction de l'épaule, douleur à la palpation." },
  { title: 'Entretien infirmier', body: 'Douleurs persistantes en fin de poste, sommeil perturbé ; à revoir par le médecin du travail.' },
  { title: 'Entretien infirmier', body: 'Questionnaire WAI court : capacité de travail actuelle 3/10, alarme positive.' },
  { title: 'Évaluation du risque', body: 'IRDP : niveau 2 (vulnérabilité potentielle) retenu après entretien ; pathologie ostéo-articulaire.' },
];

/** Words and stems that only medical notes use; tests check no other category contains them. */
export const DEMO_MEDICAL_VOCABULARY: readonly string[] = [
  'lombalgie', 'lombosciatique', 'tendinopathie', 'canal carpien', 'dépressi', 'anxio', 'chirurgie',
  'opéré', 'diabète', 'insulino', 'hernie', 'cancer', 'chimiothérapie', 'rémission', 'arthrose',
  'asthme', 'burn-out', 'épuisement', 'psychiatr', 'infarctus', 'myocarde', 'cardiaque',
  'examen clinique', 'douleur', 'palpation', 'pathologie', 'traitement', 'wai', 'irdp', 'sommeil',
  'ligamentoplastie', 'genou', 'épaule', 'l5-s1', 'préhension', 'contre-indiqu', 'infiltration',
  'fatigabilité',
];

/** Notes on the social or psychological situation (category sensitive). */
export const SENSITIVE_NOTES: readonly { title: string; body: string; roles: readonly string[] }[] = [
  { title: 'Situation sociale', body: "Baisse des revenus depuis le passage aux indemnités journalières ; une aide au maintien dans le logement est à l'étude.", roles: ['assistant_social'] },
  { title: 'Situation sociale', body: 'Parent isolé, deux enfants ; contraintes de garde incompatibles avec les horaires postés.', roles: ['assistant_social'] },
  { title: 'Suivi psychologique', body: 'Trois entretiens réalisés ; le salarié exprime une perte de confiance dans sa capacité à reprendre son poste.', roles: ['psychologue'] },
  { title: 'Suivi psychologique', body: "Entretien de soutien : inquiétude forte sur l'avenir professionnel, projet de reconversion évoqué.", roles: ['psychologue'] },
  { title: 'Relations de travail', body: "Conflit avec l'encadrement de proximité évoqué ; le salarié souhaite un changement d'équipe.", roles: ['psychologue', 'charge_mission', 'medecin_travail'] },
  { title: 'Démarches', body: "Demande de reconnaissance de la qualité de travailleur handicapé (RQTH) déposée auprès de la MDPH avec l'aide de l'assistante sociale.", roles: ['assistant_social'] },
  { title: 'Situation sociale', body: 'Endettement signalé ; orientation vers un point conseil budget.', roles: ['assistant_social'] },
  { title: 'Situation sociale', body: "Fin de droits aux indemnités journalières dans quatre mois ; information sur l'invalidité et la retraite anticipée à prévoir.", roles: ['assistant_social', 'charge_mission'] },
  { title: 'Projet professionnel', body: "Le salarié n'envisage pas de reprendre son métier ; un bilan de compétences est évoqué.", roles: ['charge_mission', 'psychologue'] },
];

/** Administrative notes: contacts, appointments, paperwork. `{date}` is filled in. */
export const ADMINISTRATIVE_NOTES: readonly { title: string; body: string; shared: boolean }[] = [
  { title: 'Contact', body: 'Appel au salarié, rendez-vous fixé le {date}.', shared: true },
  { title: 'Courrier', body: "Courrier d'information envoyé au salarié : rôle de la cellule PDP, droits et recueil du consentement.", shared: true },
  { title: 'Rendez-vous', body: 'Visite de pré-reprise programmée le {date}.', shared: true },
  { title: 'Staff PDP', body: 'Dossier présenté en staff de la cellule PDP ; plan d’action validé.', shared: false },
  { title: 'Relance', body: 'Relance téléphonique sans réponse ; nouveau contact prévu la semaine prochaine.', shared: false },
  { title: 'Partenaire', body: "Dossier de demande d'aide Agefiph transmis par Cap emploi.", shared: false },
  { title: 'Retour Assurance maladie', body: "Retour d'information adressé à la CPAM : accompagnement en cours par la cellule.", shared: false },
  { title: 'Rendez-vous de liaison', body: "Rendez-vous de liaison organisé avec l'employeur le {date}, à la demande du salarié.", shared: true },
  { title: 'Essai encadré', body: 'Convention d’essai encadré signée par la CPAM, l’employeur et le salarié.', shared: true },
  { title: 'Contact', body: 'Le salarié a rappelé la cellule ; documents complémentaires reçus.', shared: false },
];

/** Recommendations the employer may read (category employer_visible): never a health fact. */
export const EMPLOYER_NOTES: readonly { title: string; body: string }[] = [
  { title: 'Recommandation', body: 'Recommandation : aménagement du poste, alternance des tâches.' },
  { title: 'Recommandation', body: 'Recommandation : aide technique à la manutention (chariot, lève-personne) et limitation des ports de charges lourdes.' },
  { title: 'Recommandation', body: 'Recommandation : reprise progressive à temps partiel, horaires de journée.' },
  { title: 'Étude de poste', body: "Étude ergonomique du poste prévue le {date} avec l'ergonome du service." },
  { title: 'Rendez-vous de liaison', body: "Rendez-vous de liaison proposé à l'employeur pour préparer le retour du salarié." },
  { title: 'Recommandation', body: 'Recommandation : poste sans travail de nuit, pauses régulières.' },
  { title: 'Recommandation', body: 'Recommandation : éviter le travail en hauteur et la conduite d’engins ; affectation temporaire au magasin.' },
  { title: 'Essai encadré', body: "Proposition d'essai encadré sur un poste adapté (14 jours ouvrés au plus)." },
  { title: 'Recommandation', body: 'Recommandation : télétravail deux jours par semaine pendant trois mois.' },
  { title: 'Reclassement', body: 'Recherche de reclassement interne : point à faire avec le service des ressources humaines.' },
];

/** Dossier summaries per origin (administrative: why the case came in, never a diagnosis). */
export const SUMMARIES: Readonly<Record<string, readonly string[]>> = {
  flux_am: [
    "Signalement de l'Assurance maladie : arrêt de travail de plus de {n} jours, risque de désinsertion. Poste : {job}.",
    'Flux Assurance maladie : arrêts répétés sur 12 mois. Employeur : {company} ; poste : {job}.',
  ],
  employeur: [
    "Déclaration de l'employeur : absence de plus de 30 jours ; l'entreprise souhaite préparer la reprise au poste de {job}.",
    "Demande de l'employeur : difficultés de maintien au poste de {job}, étude des aménagements possibles.",
  ],
  medecin_conseil: [
    'Orientation du médecin conseil vers une visite de pré-reprise (fiche de liaison reçue). Poste : {job}.',
    'Fiche de liaison du service médical : arrêt long, reprise à préparer avec la cellule.',
  ],
  salarie: [
    'Demande du salarié : inquiétude sur son maintien au poste de {job}.',
    "Le salarié sollicite la cellule avant la fin de son arrêt pour envisager un autre poste dans l'entreprise ({company}).",
  ],
  equipe: [
    "Saisine de la cellule par l'équipe pluridisciplinaire après une visite périodique. Poste : {job}.",
    'Saisine par le médecin du travail : reprise au poste de {job} incertaine.',
  ],
  partenaire: [
    'Orientation par le service social Carsat : situation à examiner en cellule.',
    'Orientation par Cap emploi : salarié bénéficiaire de l’obligation d’emploi, maintien au poste de {job} à étudier.',
  ],
  visite: [
    'Repéré lors de la visite de mi-carrière : difficultés de maintien au poste de {job}.',
    'Repéré lors de la visite de reprise : reprise au poste de {job} à sécuriser.',
  ],
};

/** Reasons attached to transitions, by target state (required for non_retenu / reoriente). */
export const TRANSITION_REASONS: Readonly<Record<string, readonly string[]>> = {
  a_evaluer: ['Premier contact établi avec le salarié.', 'Consentement recueilli, évaluation à mener.'],
  a_evaluer_again: ["Éléments nouveaux : prolongation de l'arrêt signalée par la CPAM.", 'Nouvelle demande du salarié après un échec de reprise.'],
  en_accompagnement: ['Plan d’accompagnement validé en staff PDP.', 'Accompagnement décidé avec le salarié.'],
  sorti: ['Maintien au poste avec aménagement.', 'Reclassement interne sur un poste adapté.', 'Reconversion : formation qualifiante engagée.', 'Licenciement pour inaptitude après recherche de reclassement.', 'Reprise à temps partiel au poste habituel.'],
  suivi: ['Point de situation à 6 mois prévu.', 'Suivi après la sortie, contact à 6 et 12 mois.'],
  clos: ['Situation stabilisée au point à 6 mois.', 'Clôture après réorientation vers le partenaire.', 'Clôture : pas de suite à donner.', 'Situation stabilisée au point à 12 mois.'],
  non_retenu: ['Pas de risque de désinsertion identifié à ce stade : reprise au poste sans difficulté.', "Le salarié ne souhaite pas d'accompagnement.", 'Situation déjà prise en charge par un autre dispositif.'],
  reoriente: ['Orientation vers le service social Carsat (chef de file).', 'Orientation vers Cap emploi : bénéficiaire de l’obligation d’emploi.', 'Orientation vers France Travail après la rupture du contrat.', 'Orientation vers Transitions Pro (projet de transition professionnelle).'],
};
