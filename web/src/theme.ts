import { createTheme, defaultVariantColorsResolver, parseThemeColor, rem, type MantineColorsTuple, type VariantColorsResolver } from '@mantine/core';

/**
 * Design tokens: the one theme of the app. Colours are named for what they mean so pages
 * never pick raw colours; status colours always come with a word and an icon.
 */

/** Pharos navy: the brand colour, used for primary actions and the selected navigation. */
const pharos: MantineColorsTuple = [
  '#eef3f8',
  '#dae4ee',
  '#b1c7dc',
  '#86a8c9',
  '#628db9',
  '#4a7caf',
  '#3d73ab',
  '#2f6196',
  '#265687',
  '#1c3d5a',
];

/** Beacon amber: the lighthouse light, used sparingly for the brand mark and highlights. */
const beacon: MantineColorsTuple = [
  '#fff8e1',
  '#ffefcc',
  '#ffdd9b',
  '#fdca64',
  '#fcba38',
  '#fbb01b',
  '#f5b82e',
  '#e09500',
  '#c78400',
  '#ad7100',
];

/** What each status means, as a theme colour name. Text on these uses the darkest shade. */
export const STATUS_COLOURS = {
  stage: 'pharos',
  active: 'teal',
  'on-hold': 'yellow',
  completed: 'blue',
  cancelled: 'gray',
  aligned: 'teal',
  unaligned: 'red',
} as const;

/** Layout tokens: the top bar's height and the navigation column's width on laptops. */
export const HEADER_HEIGHT = 52;
export const NAV_WIDTH = 264;

export const FONT_STACK =
  'Inter, ui-sans-serif, system-ui, -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

/**
 * Text on tinted ("light" and "outline") backgrounds uses the colour's darkest shade, so
 * chips, alerts and light buttons meet WCAG AA contrast (Mantine's default shade 6 does not).
 */
const variantColorResolver: VariantColorsResolver = (input) => {
  const colours = defaultVariantColorsResolver(input);
  const parsed = parseThemeColor({ color: input.color ?? input.theme.primaryColor, theme: input.theme });
  if (parsed.isThemeColor && (input.variant === 'light' || input.variant === 'outline' || input.variant === 'subtle')) {
    const dark = `var(--mantine-color-${parsed.color}-9)`;
    return { ...colours, color: dark, hoverColor: dark, ...(input.variant === 'outline' ? { border: `${rem(1)} solid var(--mantine-color-${parsed.color}-7)` } : {}) };
  }
  return colours;
};

export const theme = createTheme({
  variantColorResolver,
  colors: { pharos, beacon },
  primaryColor: 'pharos',
  primaryShade: { light: 8, dark: 5 },
  fontFamily: FONT_STACK,
  fontFamilyMonospace: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
  headings: { fontFamily: FONT_STACK, fontWeight: '650', sizes: { h1: { fontSize: '1.5rem', lineHeight: '1.3' }, h2: { fontSize: '1.2rem', lineHeight: '1.35' }, h3: { fontSize: '1rem', lineHeight: '1.4' } } },
  defaultRadius: 'sm',
  focusRing: 'auto',
  cursorType: 'pointer',
  fontSizes: { xs: '0.75rem', sm: '0.8125rem', md: '0.875rem', lg: '1rem', xl: '1.125rem' },
  spacing: { xs: '0.5rem', sm: '0.75rem', md: '1rem', lg: '1.5rem', xl: '2rem' },
  components: {
    Table: { defaultProps: { verticalSpacing: 6, horizontalSpacing: 'sm', fz: 'sm', highlightOnHover: true } },
    Badge: { defaultProps: { radius: 'sm', variant: 'light', tt: 'none' } },
    Tabs: { defaultProps: { keepMounted: false } },
    TextInput: { defaultProps: { size: 'sm' } },
    Select: { defaultProps: { size: 'sm', allowDeselect: false } },
    Tooltip: { defaultProps: { openDelay: 300 } },
  },
});
