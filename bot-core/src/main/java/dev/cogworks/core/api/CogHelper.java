package dev.cogworks.core.api;

/**
 * The base class cogs extend: it keeps the {@link CogContext} and gives cogs one place to reach the
 * platform from. Discord operations (send, edit, delete, history, roles) arrive here with the
 * MessagingQueue, so that cogs never call JDA directly for them.
 */
public abstract class CogHelper implements Cog {
  private volatile CogContext context;

  @Override
  public final void load(CogContext context) throws Exception {
    this.context = context;
    onLoad();
  }

  /** Called once the context is available; override instead of {@link #load}. */
  protected void onLoad() throws Exception {}

  /** The context; only valid after load. */
  protected CogContext context() {
    if (context == null) {
      throw new IllegalStateException(name() + " is not loaded yet");
    }
    return context;
  }
}
