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
