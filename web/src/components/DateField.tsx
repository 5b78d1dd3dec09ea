import { DateInput, type DateInputProps } from '@mantine/dates';
import dayjs from 'dayjs';
import { parseFrenchDate } from '../format';

const ARIA_LABELS = {
  nextMonth: 'Mois suivant',
  previousMonth: 'Mois précédent',
  nextYear: 'Année suivante',
  previousYear: 'Année précédente',
  nextDecade: 'Décennie suivante',
  previousDecade: 'Décennie précédente',
};

type Props = Omit<DateInputProps, 'value' | 'onChange' | 'valueFormat' | 'dateParser'> & {
  /** 'YYYY-MM-DD' or '' */
  value: string;
  onChange: (value: string) => void;
};

/** A date typed as JJ/MM/AAAA (or picked in a French calendar); the value is 'YYYY-MM-DD'. */
export function DateField({ value, onChange, description, ...rest }: Props) {
  return (
    <DateInput
      {...rest}
      value={value || null}
      onChange={(v) => onChange(v ? v.slice(0, 10) : '')}
      valueFormat="DD/MM/YYYY"
      dateParser={(input) => parseFrenchDate(input)}
      placeholder={rest.placeholder ?? 'JJ/MM/AAAA'}
      description={description ?? 'Format JJ/MM/AAAA'}
      locale="fr"
      clearable={rest.clearable ?? !rest.required}
      clearButtonProps={{ 'aria-label': 'Effacer la date' }}
      ariaLabels={ARIA_LABELS}
      getDayAriaLabel={(date) => dayjs(date).locale('fr').format('dddd D MMMM YYYY')}
      hideOutsideDates
      weekendDays={[]}
      popoverProps={{ withinPortal: false }}
    />
  );
}
