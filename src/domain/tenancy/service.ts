/**
 * What a new service (tenant) must be: its slug appears in commands and URLs, its name on every
 * page, its SIRET is checked like any other (Luhn, La Poste). Used by `maintien service create`.
 */
import { invalid } from '../errors';
import { validateSiret } from '../identity/siret';

/** Lowercase letters, digits and single hyphens between them: it appears in commands and URLs. */
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SLUG_MAX_LENGTH = 40;
export const SERVICE_NAME_MAX_LENGTH = 200;

export interface NewService {
  slug: string;
  name: string;
  siret?: string;
}

/** The input checked and normalised (name trimmed, SIRET without spaces); throws a French `invalid` error. */
export function validateNewService(input: NewService): { slug: string; name: string; siret: string | null } {
  const slug = input.slug.trim();
  if (!SLUG.test(slug) || slug.length > SLUG_MAX_LENGTH) {
    throw invalid(
      'SLUG_INVALIDE',
      `L'identifiant du service « ${slug} » n'est pas valide : lettres minuscules sans accent, chiffres et tirets (pas au début ni à la fin), ${SLUG_MAX_LENGTH} caractères au plus — par exemple « sante-travail-nord ».`,
      'slug',
    );
  }
  const name = input.name.trim();
  if (!name) throw invalid('CHAMP_MANQUANT', 'Le champ « Nom du service » est obligatoire.', 'name');
  if (name.length > SERVICE_NAME_MAX_LENGTH) throw invalid('NOM_TROP_LONG', `Le nom du service dépasse ${SERVICE_NAME_MAX_LENGTH} caractères.`, 'name');
  let siret: string | null = null;
  if (input.siret !== undefined) {
    const checked = validateSiret(input.siret);
    if (!checked.ok) throw invalid(checked.code, checked.message, 'siret');
    siret = checked.value.siret;
  }
  return { slug, name, siret };
}
