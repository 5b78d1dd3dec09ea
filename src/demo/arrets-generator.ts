/**
 * Synthetic Assurance maladie « arrêts de travail » flux (docs/formats/flux-arrets.md), for demos,
 * tests and the benchmark: `maintien gen arrets --lines N`.
 *
 * - Streamed: lines are produced one by one and grouped into ~64 KiB chunks; memory stays bounded
 *   whatever N (the only state is a few fixed-size rings of recent episodes, persons and lines).
 * - Deterministic: the same options (seed, file date, pool) give the same bytes.
 * - Realistic: one issuer per file; mostly `initial`, then `prolongation`/`fin` of episodes seen
 *   earlier in the file, a few `annulation`; valid NIRs consistent with sex and birth date; valid
 *   SIRETs; about 3 % of lines are wrong the way real files are wrong (see `INVALID_KINDS`), and a
 *   few lines carry a known NIR with another birth date (identity divergence → quarantine).
 *
 * Every generated line carries its `intent` (what a correct pipeline should make of it), which the
 * tests use to check proportions and outcomes.
 */
import { Readable } from 'node:stream';
import { nirKey } from '../domain/identity/nir';
import { makeSiret } from '../domain/identity/siret';
import { FIRST_NAMES, SURNAMES } from './demo-data';
import { FLUX_FIELDS } from '../domain/intake/flux-line';
import { mulberry32, type Rng } from '../domain/random/prng';

/** Columns of format v1, in the order of the documentation: the domain's list. */
export const FLUX_COLUMNS = FLUX_FIELDS;
export type FluxColumn = (typeof FLUX_COLUMNS)[number];
export type FluxRecord = Record<FluxColumn, string>;

export const GENERATOR_ISSUERS = ['CPAM-593', 'CPAM-594', 'CPAM-621', 'CPAM-622', 'ELSM-59', 'ELSM-62'] as const;

/** Ways a generated line is wrong, with the rejection code a correct pipeline gives it. */
export const INVALID_KINDS = {
  nir_cle: 'NIR_CLE',
  nir_format: 'NIR_INVALIDE',
  champ_manquant: 'CHAMP_MANQUANT',
  date_invalide: 'DATE_INVALIDE',
  dates_incoherentes: 'DATES_INCOHERENTES',
  sexe_incoherent: 'SEXE_INCOHERENT',
  siret_invalide: 'SIRET_INVALIDE',
  type_inconnu: 'TYPE_MESSAGE_INCONNU',
  nature_inconnue: 'NATURE_INCONNUE',
  motif_inconnu: 'MOTIF_INCONNU',
  consentement_absent: 'CONSENTEMENT_ABSENT',
  conflit: 'CONFLIT',
} as const;
export type InvalidKind = keyof typeof INVALID_KINDS;

/** What a correct pipeline makes of a generated line. */
export type LineIntent =
  | { outcome: 'accepted'; type: string; unknownEpisode?: boolean }
  | { outcome: 'duplicate' }
  | { outcome: 'quarantined' }
  | { outcome: 'rejected'; kind: InvalidKind; code: string };

export interface GeneratedLine {
  record: Partial<FluxRecord>;
  intent: LineIntent;
}

/** A known worker of the tenant (for `--tenant`): lines about him attach to him. */
export interface PoolWorker {
  nir: string;
  birthName: string;
  firstNames: string;
  birthDate: string;
  sex: number;
}

/** Real data of a tenant the generated lines refer to. */
export interface GeneratorPool {
  sirets: readonly string[];
  workers: readonly PoolWorker[];
}

export interface GenerateOptions {
  lines: number;
  seed?: number;
  /** The file's date (YYYY-MM-DD): dates of the lines are before it. Default: today (UTC). */
  fileDate?: string;
  /** Issuer of the whole file (one file = one issuer). Default: picked from the seed. */
  emetteur?: string;
  /** Share of lines that are wrong (rejected or duplicates), default 0.03. */
  invalidRate?: number;
  /** Share of lines with a known NIR and another birth date, default 0.003. */
  divergentRate?: number;
  /** Real companies and workers of a tenant (`--tenant`). */
  pool?: GeneratorPool;
}

// Weights of the wrong lines (sum 100): consent and identity errors are the usual ones.
const INVALID_WEIGHTS: Record<InvalidKind | 'duplicate', number> = {
  consentement_absent: 16,
  nir_cle: 12,
  duplicate: 12,
  champ_manquant: 10,
  date_invalide: 8,
  dates_incoherentes: 8,
  conflit: 6,
  siret_invalide: 6,
  sexe_incoherent: 5,
  nir_format: 5,
  type_inconnu: 4,
  nature_inconnue: 4,
  motif_inconnu: 4,
};
const INVALID_CHOICES = Object.keys(INVALID_WEIGHTS) as (InvalidKind | 'duplicate')[];
const INVALID_CHOICE_WEIGHTS = INVALID_CHOICES.map((k) => INVALID_WEIGHTS[k]);

const DAY = 86_400_000;
const RING = 4096;
const SYNTHETIC_COMPANIES = 2000;
const MAX_ID_COUNTER = 10 ** 9;
const DEPARTMENTS = ['59', '62', '59', '62', '80', '02', '75', '2A', '2B', '93'];

const parseIso = (s: string) => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10)));
// Date formatting is the generator's hot spot: days repeat, so each is formatted once.
const isoCache = new Map<number, string>();
const iso = (t: number) => {
  const day = Math.floor(t / DAY);
  let s = isoCache.get(day);
  if (s === undefined) {
    s = new Date(day * DAY).toISOString().slice(0, 10);
    if (isoCache.size > 100_000) isoCache.clear();
    isoCache.set(day, s);
  }
  return s;
};
const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** A fixed-size ring of recent items (bounded memory, random access). */
class Ring<T> {
  private readonly items: T[] = [];
  private next = 0;
  constructor(private readonly size: number) {}
  push(x: T) {
    if (this.items.length < this.size) this.items.push(x);
    else this.items[this.next] = x;
    this.next = (this.next + 1) % this.size;
  }
  get length() {
    return this.items.length;
  }
  pick(rng: Rng): T | undefined {
    return this.items.length ? this.items[Math.floor(rng.next() * this.items.length)] : undefined;
  }
  /** Removes and returns a random item (swap with the last). */
  take(rng: Rng): T | undefined {
    if (!this.items.length) return undefined;
    const i = Math.floor(rng.next() * this.items.length);
    const x = this.items[i];
    const last = this.items.pop()!;
    if (i < this.items.length) this.items[i] = last;
    this.next = this.items.length % this.size;
    return x;
  }
}

interface Person {
  nir: string;
  birthName: string;
  firstNames: string;
  birthDate: string;
  sex: 1 | 2;
  siret: string;
}

interface Episode {
  person: Person;
  idArret: string;
  start: number;
  expectedEnd: number;
  nature: string;
  motif: string;
  ald: string;
  tpt: string;
  consentDate: string;
  contact: string;
}

function seedOf(seed: number | undefined): number {
  return (seed ?? 1) >>> 0;
}

/**
 * The lines of a synthetic flux, one at a time (a generator: nothing is kept beyond a few
 * fixed-size rings, so N may be in the millions).
 */
export function* generateArretLines(opts: GenerateOptions): Generator<GeneratedLine> {
  const seed = seedOf(opts.seed);
  const rng = mulberry32(seed);
  const fileDate = opts.fileDate ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(fileDate)) throw new Error(`generateArretLines: bad fileDate "${fileDate}"`);
  const fileDay = parseIso(fileDate);
  const emetteur = opts.emetteur ?? GENERATOR_ISSUERS[seed % GENERATOR_ISSUERS.length];
  const invalidRate = opts.invalidRate ?? 0.03;
  const divergentRate = opts.divergentRate ?? 0.003;
  const pool = opts.pool;
  const dept = /(\d{2,3})$/.exec(emetteur)?.[1]?.slice(0, 2) ?? '59';
  const tag = pad(seed % 100000, 5);
  const contacts = [
    `service-medical.${emetteur.toLowerCase()}@assurance-maladie.example`,
    `pdp.${emetteur.toLowerCase()}@assurance-maladie.example`,
    `medecin-conseil.${dept}@assurance-maladie.example`,
  ];

  const sirets: string[] = pool?.sirets.length
    ? [...pool.sirets]
    : Array.from({ length: SYNTHETIC_COMPANIES }, (_, i) => makeSiret(String(31_000_000 + ((seed * 7919 + i * 104_729) % 68_000_000)).slice(0, 8), String(1 + (i % 90))));
  const poolWorkers = pool?.workers ?? [];

  let personCounter = 0;
  const newPerson = (): Person => {
    const sex: 1 | 2 = rng.chance(0.52) ? 2 : 1;
    const age = rng.int(19, 64);
    const birth = fileDay - age * 365.25 * DAY - rng.int(0, 364) * DAY;
    const birthDate = iso(birth);
    const older = Number(birthDate.slice(0, 4)) < 1980;
    const names = FIRST_NAMES[older ? 'older' : 'younger'][sex];
    const birthName = rng.pick(SURNAMES).toUpperCase();
    const firstNames = rng.chance(0.25) ? `${rng.pick(names)} ${rng.pick(names)}` : rng.pick(names);
    // Commune and order number from a counter (a bijection modulo 999²): NIRs never collide.
    const v = (++personCounter * 7919) % 998_001;
    const department = rng.chance(0.8) ? rng.pick(DEPARTMENTS) : pad(rng.int(21, 95), 2);
    const first13 = `${sex}${birthDate.slice(2, 4)}${birthDate.slice(5, 7)}${department}${pad(1 + Math.floor(v / 999), 3)}${pad(1 + (v % 999), 3)}`;
    return { nir: first13 + nirKey(first13), birthName, firstNames, birthDate, sex, siret: rng.chance(0.05) ? '' : rng.pick(sirets) };
  };
  const poolPerson = (w: PoolWorker): Person => ({
    nir: w.nir,
    birthName: w.birthName,
    firstNames: w.firstNames,
    birthDate: w.birthDate,
    sex: w.sex === 2 ? 2 : 1,
    siret: rng.pick(sirets),
  });

  const persons = new Ring<Person>(RING);
  const open = new Ring<Episode>(RING);
  const recentValid = new Ring<Partial<FluxRecord>>(RING);
  let msgCounter = 0;
  let arretCounter = 0;
  const idMessage = () => `${emetteur}-${fileDate.replaceAll('-', '')}-${tag}-${pad(++msgCounter % MAX_ID_COUNTER, 9)}`;
  const idArret = () => `AT${dept}${tag}${pad(++arretCounter % MAX_ID_COUNTER, 9)}`;

  // A plain literal (no spread): V8 keeps one fast shape for every record.
  const recordOf = (e: Episode, type: string, actualEnd = ''): FluxRecord => ({
    emetteur,
    id_message: idMessage(),
    id_arret: e.idArret,
    type_message: type,
    nir: e.person.nir,
    nom_naissance: e.person.birthName,
    prenoms: e.person.firstNames,
    date_naissance: e.person.birthDate,
    sexe: e.person.sex === 2 ? '2' : '1',
    siret_employeur: e.person.siret,
    date_debut: iso(e.start),
    date_fin_prevue: type === 'initial' || type === 'prolongation' ? iso(e.expectedEnd) : '',
    date_fin_effective: actualEnd,
    nature: e.nature,
    temps_partiel_therapeutique: e.tpt,
    ald: e.ald,
    motif: e.motif,
    consentement: 'oui',
    date_consentement: e.consentDate,
    contact_service_medical: e.contact,
  });

  const newEpisode = (person: Person): Episode => {
    // Signals reach the SPST when the arrêt is long or risky: most started weeks ago.
    const start = fileDay - rng.weighted([rng.int(1, 30), rng.int(31, 90), rng.int(91, 400)], [35, 45, 20]) * DAY;
    const expectedEnd = Math.max(start + rng.int(7, 120) * DAY, fileDay + rng.int(0, 30) * DAY);
    const consent = start + Math.floor(rng.next() * ((fileDay - start) / DAY + 1)) * DAY;
    return {
      person,
      idArret: idArret(),
      start,
      expectedEnd,
      nature: rng.weighted(['maladie', 'accident_travail', 'maladie_professionnelle'], [84, 12, 4]),
      motif: rng.weighted(['duree', 'risque_desinsertion', 'orientation_vpr'], [68, 21, 11]),
      ald: rng.chance(0.12) ? '1' : rng.chance(0.5) ? '0' : '',
      tpt: rng.chance(0.05) ? '1' : rng.chance(0.5) ? '0' : '',
      consentDate: iso(Math.min(consent, fileDay)),
      contact: rng.chance(0.3) ? rng.pick(contacts) : '',
    };
  };

  /** A valid line (accepted, or quarantined for a divergent identity). */
  const validLine = (): GeneratedLine => {
    if (rng.chance(divergentRate)) {
      const base = poolWorkers.length && rng.chance(0.7) ? poolPerson(rng.pick(poolWorkers)) : persons.pick(rng);
      if (base) {
        // Same NIR (so same year and month of birth), another day: the identity diverges.
        const day = Number(base.birthDate.slice(8, 10));
        const other = ((day - 1 + rng.int(1, 27)) % 28) + 1;
        const person = { ...base, birthDate: `${base.birthDate.slice(0, 8)}${pad(other, 2)}` };
        const e = newEpisode(person);
        return { record: recordOf(e, 'initial'), intent: { outcome: 'quarantined' } };
      }
    }
    const type = rng.weighted(['initial', 'prolongation', 'fin', 'annulation'], [70, 18, 10, 2]);
    if (type !== 'initial') {
      const known = open.length > 50 && (type === 'annulation' || !rng.chance(0.01));
      const e = type === 'prolongation' ? (known ? open.pick(rng) : undefined) : known ? open.take(rng) : undefined;
      if (type === 'annulation' && !e) return initialLine();
      const episode = e ?? newEpisode(rng.chance(0.5) ? (persons.pick(rng) ?? newPerson()) : newPerson());
      if (type === 'prolongation') {
        episode.expectedEnd = Math.max(episode.expectedEnd, fileDay) + rng.int(7, 60) * DAY;
        if (!e) open.push(episode);
        return { record: recordOf(episode, 'prolongation'), intent: { outcome: 'accepted', type, unknownEpisode: !e } };
      }
      if (type === 'fin') {
        const end = Math.min(fileDay, episode.start + rng.int(1, Math.max(1, Math.round((fileDay - episode.start) / DAY))) * DAY);
        return { record: recordOf(episode, 'fin', iso(end)), intent: { outcome: 'accepted', type, unknownEpisode: !e } };
      }
      return { record: recordOf(episode, 'annulation'), intent: { outcome: 'accepted', type } };
    }
    return initialLine();
  };

  const initialLine = (): GeneratedLine => {
    let person: Person;
    if (poolWorkers.length && rng.chance(0.05)) person = poolPerson(rng.pick(poolWorkers));
    else if (persons.length && rng.chance(0.1)) person = persons.pick(rng)!;
    else {
      person = newPerson();
      persons.push(person);
    }
    const e = newEpisode(person);
    open.push(e);
    return { record: recordOf(e, 'initial'), intent: { outcome: 'accepted', type: 'initial' } };
  };

  /** A wrong line: a fresh episode with one defect (never registered as open). */
  const wrongLine = (): GeneratedLine => {
    const kind = rng.weighted(INVALID_CHOICES, INVALID_CHOICE_WEIGHTS);
    if (kind === 'duplicate' || kind === 'conflit') {
      const earlier = recentValid.pick(rng);
      if (earlier && kind === 'duplicate') return { record: earlier, intent: { outcome: 'duplicate' } };
      if (earlier) {
        const e = newEpisode(newPerson());
        const changed = recordOf(e, 'initial');
        changed.id_message = earlier.id_message!;
        return { record: changed, intent: { outcome: 'rejected', kind: 'conflit', code: INVALID_KINDS.conflit } };
      }
      return wrongLine();
    }
    const e = newEpisode(newPerson());
    const r: Partial<FluxRecord> = recordOf(e, 'initial');
    switch (kind) {
      case 'nir_cle': {
        const key = Number(r.nir!.slice(13));
        r.nir = r.nir!.slice(0, 13) + pad(key === 97 ? 1 : key + 1, 2);
        break;
      }
      case 'nir_format':
        r.nir = rng.chance(0.5) ? r.nir!.slice(0, 12) : `${r.nir!.slice(0, 6)}X${r.nir!.slice(7)}`;
        break;
      case 'champ_manquant': {
        const field = rng.pick(['nom_naissance', 'prenoms', 'date_debut', 'date_naissance', 'nature', 'id_arret', 'sexe'] as const);
        r[field] = '';
        break;
      }
      case 'date_invalide': {
        const field = rng.pick(['date_debut', 'date_naissance', 'date_fin_prevue'] as const);
        const v = r[field]!;
        r[field] = rng.weighted([`${v.slice(8, 10)}/${v.slice(5, 7)}/${v.slice(0, 4)}`, `${v.slice(0, 4)}-02-30`, `${v.slice(0, 4)}-13-01`], [50, 30, 20]);
        break;
      }
      case 'dates_incoherentes':
        r.date_fin_prevue = iso(e.start - rng.int(1, 20) * DAY);
        break;
      case 'sexe_incoherent':
        r.sexe = r.sexe === '1' ? '2' : '1';
        break;
      case 'siret_invalide': {
        const s = r.siret_employeur || rng.pick(sirets);
        r.siret_employeur = s.slice(0, 13) + String((Number(s[13]) + 1) % 10);
        // The La Poste exception could make the changed digit valid again: stay clear of it.
        if (r.siret_employeur.startsWith('356000000')) r.siret_employeur = '1234567890123';
        break;
      }
      case 'type_inconnu':
        r.type_message = rng.pick(['modification', 'rectificatif', 'reprise']);
        break;
      case 'nature_inconnue':
        r.nature = rng.pick(['maternite', 'accident_trajet', 'invalidite']);
        break;
      case 'motif_inconnu':
        r.motif = rng.pick(['autre', 'durée', 'signalement']);
        break;
      case 'consentement_absent':
        r.consentement = rng.weighted(['non', '', 'refus'], [60, 35, 5]);
        break;
    }
    return { record: r, intent: { outcome: 'rejected', kind, code: INVALID_KINDS[kind] } };
  };

  for (let n = 0; n < opts.lines; n++) {
    if (rng.chance(invalidRate)) {
      yield wrongLine();
      continue;
    }
    const line = validLine();
    if (line.intent.outcome === 'accepted') recentValid.push(line.record);
    yield line;
  }
}

const NEEDS_QUOTES = /[;"\r\n]/;
const csvField = (v: string) => (NEEDS_QUOTES.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/** One CSV line (no line end) in the order of FLUX_COLUMNS, RFC 4180 quoting where needed. */
export function toCsvLine(r: Partial<FluxRecord>): string {
  // Only free-text columns can hold a separator or a quote; codes, dates and numbers never do.
  const q = (v: string | undefined) => (v ? csvField(v) : '');
  return `${q(r.emetteur)};${q(r.id_message)};${q(r.id_arret)};${r.type_message ?? ''};${r.nir ?? ''};${q(r.nom_naissance)};${q(r.prenoms)};${r.date_naissance ?? ''};${r.sexe ?? ''};${r.siret_employeur ?? ''};${r.date_debut ?? ''};${r.date_fin_prevue ?? ''};${r.date_fin_effective ?? ''};${r.nature ?? ''};${r.temps_partiel_therapeutique ?? ''};${r.ald ?? ''};${r.motif ?? ''};${r.consentement ?? ''};${r.date_consentement ?? ''};${q(r.contact_service_medical)}`;
}

/** One JSON Lines object: empty fields are absent. */
export function toJsonLine(record: Partial<FluxRecord>): string {
  const o: Record<string, string> = {};
  for (const c of FLUX_COLUMNS) {
    const v = record[c];
    if (v) o[c] = v;
  }
  return JSON.stringify(o);
}

export const CSV_HEADER = FLUX_COLUMNS.join(';');

/** The file's text, chunk by chunk (~64 KiB each), header included for CSV. */
export function* generateArretChunks(opts: GenerateOptions & { format?: 'csv' | 'jsonl' }): Generator<string> {
  const csv = (opts.format ?? 'csv') === 'csv';
  let lines: string[] = csv ? [CSV_HEADER] : [];
  for (const { record } of generateArretLines(opts)) {
    lines.push(csv ? toCsvLine(record) : toJsonLine(record));
    if (lines.length >= 512) {
      lines.push('');
      yield lines.join('\n');
      lines = [];
    }
  }
  if (lines.length) {
    lines.push('');
    yield lines.join('\n');
  }
}

/** The synthetic flux as a readable stream (UTF-8 text). */
export function generateArretStream(opts: GenerateOptions & { format?: 'csv' | 'jsonl' }): Readable {
  return Readable.from(generateArretChunks(opts), { objectMode: false });
}
