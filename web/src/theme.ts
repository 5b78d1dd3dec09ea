import { createTheme, type CSSVariablesResolver } from '@mantine/core';

/** Mantine theme: shades chosen for WCAG AA contrast on white (buttons, links, secondary text). */
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 6 },
  autoContrast: true,
  luminanceThreshold: 0.4,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif' },
  defaultRadius: 'sm',
  components: {
    // Portalled into <main>: the dialog's <header> is not a second banner, its content stays in a
    // landmark, and no ancestor with containment (grids) traps its fixed positioning.
    Modal: { defaultProps: { closeButtonProps: { 'aria-label': 'Fermer' }, withinPortal: true, portalProps: { target: '#contenu' } } },
  },
});

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
  },
  dark: {},
});
