/**
 * One piece of background work (relay an outbox, drain a stream, send due mail) that runs at most
 * once at a time, and once more right after the run in progress when asked for meanwhile: what was
 * written during a run is never left for the next timer tick, and nothing runs twice at once.
 * Asking during a run returns that run, which resolves after the extra round too.
 */
export class Rerun {
  private running: Promise<void> | null = null;
  private again = false;

  /** `stopped`: once true, no new run starts and a run in progress does no further round. */
  constructor(
    private readonly work: () => Promise<void>,
    private readonly stopped: () => boolean = () => false,
  ) {}

  run(): Promise<void> {
    if (this.stopped()) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.work();
      } while (this.again && !this.stopped());
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** The run in progress, to wait for when stopping; resolved when none. */
  settled(): Promise<void> {
    return (this.running ?? Promise.resolve()).catch(() => {});
  }
}
