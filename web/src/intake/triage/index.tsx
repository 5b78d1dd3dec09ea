import { intake } from '@contract';
import { permitsWith } from '../../client';
import { Guard } from '../../components/Guard';
import { badge } from '../nav-badge';
import type { IntakeChannel } from '../channel';
import { TriagePage } from './TriagePage';

/** Triage « À qualifier » (issue 14): the signals about workers without an open dossier, for the cell's decision. */
export const channel: IntakeChannel = {
  routes: [{ path: 'a-qualifier', element: <Guard any={['signal.read']}><TriagePage /></Guard> }],
  nav: (session, counts) =>
    permitsWith(session.capabilities, intake.triage.list.permission) ? [{ to: '/a-qualifier', label: 'À qualifier', ...badge(counts.triageToQualify, 'à qualifier') }] : [],
};
