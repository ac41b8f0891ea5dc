/** The text patterns of the formats, each written once (README "Data formats", "Write a note"). */

/** A plain decimal: `4.33`, `-12`, `0.5`; no exponent, sign `+`, separators, units or spaces. */
export const DECIMAL = /^-?\d+(?:\.\d+)?$/;

/** A series id: lower-case letters, digits and dashes, starting with a letter or digit. */
export const SERIES_ID = /^[a-z0-9][a-z0-9-]*$/;

/** Kebab-case words: tags, slugs, anchor ids. */
export const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
