// Chart.js draws on a <canvas> and xterm.js measures its glyphs with one. Where
// the page cannot hand out a 2D context (happy-dom in the renderer tests, a
// browser with canvas disabled) the chart and terminal components show only
// their text fallback, which is always there for screen readers anyway.
export function canvasAvailable(): boolean {
  if (typeof document === 'undefined') return false
  try {
    return document.createElement('canvas').getContext('2d') !== null
  } catch {
    return false
  }
}
