/** File sizes in French, for messages and pages: « 2 Go », « 1,5 ko », « 120 octets ». */
export function formatBytes(n: number): string {
  const units: Array<[number, string]> = [
    [1024 ** 3, 'Go'],
    [1024 ** 2, 'Mo'],
    [1024, 'ko'],
  ];
  for (const [size, unit] of units) if (n >= size) return `${(n / size).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} ${unit}`;
  return `${n} octet${n > 1 ? 's' : ''}`;
}
