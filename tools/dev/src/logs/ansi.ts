/** An ANSI SGR style: wraps text in a colour (or nothing when colours are off). */
export type Paint = (text: string) => string;

const sgr =
  (open: number, close: number): Paint =>
  (text) =>
    `\u001b[${open}m${text}\u001b[${close}m`;

/** The few styles the dev runner uses. */
export const ansi = {
  dim: sgr(2, 22),
  bold: sgr(1, 22),
  red: sgr(31, 39),
  green: sgr(32, 39),
  yellow: sgr(33, 39),
  blue: sgr(34, 39),
  magenta: sgr(35, 39),
  cyan: sgr(36, 39),
  gray: sgr(90, 39),
  brightRed: sgr(91, 39),
  brightGreen: sgr(92, 39),
  brightYellow: sgr(93, 39),
  brightBlue: sgr(94, 39),
  brightMagenta: sgr(95, 39),
  brightCyan: sgr(96, 39),
} as const satisfies Record<string, Paint>;

/** Leaves text as it is: the paint used when output is not a terminal. */
export const plain: Paint = (text) => text;

/** Colours to tell apps apart by their prefix, picked in turn. */
export const prefixPalette: readonly Paint[] = [
  ansi.cyan,
  ansi.magenta,
  ansi.blue,
  ansi.yellow,
  ansi.green,
  ansi.brightCyan,
  ansi.brightMagenta,
  ansi.brightBlue,
  ansi.brightYellow,
  ansi.brightGreen,
];
