/** A phone handset: the palette entry that opens the "Call blocks" menu. */
export const ICON = 'data:image/svg+xml;utf8,' + encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="#22242a" stroke-width="1.6" '
  + 'stroke-linejoin="round"><path d="M5 3h4l2 5-2.5 1.5a11 11 0 0 0 6 6L16 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 5a2 '
  + '2 0 0 1 2-2z"/></svg>');

