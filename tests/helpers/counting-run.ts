/**
 * An `Excel.run` for office-addin-mock data that counts context.sync() calls into `state.syncs`.
 */
export function countingRun(state: { syncs: number }) {
  return async function (this: { context: { sync: () => Promise<void> } }, callback: (ctx: unknown) => Promise<unknown>) {
    const ctx = this.context;
    const sync = ctx.sync.bind(ctx);
    ctx.sync = async () => {
      state.syncs++;
      await sync();
    };
    return callback(ctx);
  };
}
