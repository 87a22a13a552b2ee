// jsdom has no layout, so no ResizeObserver; Fluent UI observes sizes for overflow. Nothing
// ever resizes in jsdom, so an observer that never fires is what a browser would do here.
if (typeof window !== 'undefined' && !('ResizeObserver' in window)) {
  class NoResize {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  }
  Object.assign(window, { ResizeObserver: NoResize });
}

// The pane loads its panels on demand; on a loaded two-core machine that can take seconds. Tests
// wait for what a person would see, not for a deadline: the wait is bounded only by jest's own.
if (typeof window !== 'undefined') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('@testing-library/dom').configure({ asyncUtilTimeout: 30000 });
}

// jsdom leaves out TextEncoder/TextDecoder, which every browser and Node have; the pane's Word
// documents encode their SVG charts with it.
if (typeof window !== 'undefined' && typeof globalThis.TextEncoder === 'undefined') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const util = require('util') as typeof import('util');
  Object.assign(globalThis, { TextEncoder: util.TextEncoder, TextDecoder: util.TextDecoder });
}
