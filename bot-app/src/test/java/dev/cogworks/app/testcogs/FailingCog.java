package dev.cogworks.app.testcogs;

import dev.cogworks.api.CogHelper;

/** A cog whose load always fails, to show the others keep running. */
public final class FailingCog extends CogHelper {
  @Override
  public String name() {
    return "failing";
  }

  @Override
  protected void onLoad() {
    throw new IllegalStateException("the failing cog cannot start");
  }
}
