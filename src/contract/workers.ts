/** Workers, companies and their employments. */
import { Type } from '@sinclair/typebox';
import { IsoDate, Nullable, Uuid } from './common';

export const Employment = Type.Object({
  id: Uuid,
  company: Type.Object({ id: Uuid, name: Type.String(), siret: Type.String() }),
  jobTitle: Type.String(),
  startDate: IsoDate,
  endDate: Nullable(IsoDate),
});
