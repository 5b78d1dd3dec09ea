/**
 * Builders of flux lines for tests (valid by default, any field overridable) and their CSV /
 * JSON Lines serialisation. Deterministic; not the realistic generator (`maintien gen arrets`).
 */
import { FLUX_FIELDS, type FluxField } from './flux-line';
import { nirKey } from '../identity/nir';
import { luhnCheckDigit } from '../identity/siret';

export type TestLine = Partial<Record<FluxField, string>>;

/** A valid NIR for person number `n` (sex 1 or 2, born in 19yy-mm). */
export function testNir(n: number, sex: 1 | 2 = 1, year = 80, month = 5): string {
  const first13 = `${sex}${String(year).padStart(2, '0')}${String(month).padStart(2, '0')}75${String(100 + (n % 900)).padStart(3, '0')}${String(Math.floor(n / 900) % 1000).padStart(3, '0')}`;
  return first13 + nirKey(first13);
}

/** A Luhn-valid SIRET built from an 8-digit stem. */
export function testSiret(stem = '73282932'): string {
  const siren = stem + luhnCheckDigit(stem);
  const s13 = `${siren}0001`;
  return s13 + luhnCheckDigit(s13);
}

/** A valid `initial` line of person `n`; fields may be overridden ('' = empty). */
export function testLine(n: number, over: TestLine = {}): TestLine {
  return {
    emetteur: 'CPAM-593',
    id_message: `MSG-${n}`,
    id_arret: `ARR-${n}`,
    type_message: 'initial',
    nir: testNir(n),
    nom_naissance: `NOM${n}`,
    prenoms: 'Jean',
    date_naissance: '1980-05-12',
    sexe: '1',
    // A member company of the test service (flux-helpers ensureTestCompany): a line without a
    // member employer is « hors périmètre » (issue 14 item 2).
    siret_employeur: testSiret(),
    date_debut: '2026-01-05',
    date_fin_prevue: '2026-03-05',
    date_fin_effective: '',
    nature: 'maladie',
    temps_partiel_therapeutique: '0',
    ald: '0',
    motif: 'duree',
    consentement: 'oui',
    date_consentement: '2026-01-10',
    contact_service_medical: '',
    ...over,
  };
}

const csvField = (v: string) => (/[;"\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function toCsv(lines: readonly TestLine[], columns: readonly string[] = FLUX_FIELDS, eol = '\n'): string {
  const head = columns.join(';');
  return [head, ...lines.map((l) => columns.map((c) => csvField((l as Record<string, string | undefined>)[c] ?? '')).join(';'))].join(eol) + eol;
}

export function toJsonl(lines: readonly TestLine[]): string {
  return lines.map((l) => JSON.stringify(Object.fromEntries(Object.entries(l).filter(([, v]) => v !== '')))).join('\n') + '\n';
}
