package dev.cogworks.role;

import dev.cogworks.api.command.CommandInvocation;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Answers of several pages, sent one after another so they arrive in order. */
final class Replies {
  private Replies() {}

  static CompletableFuture<Void> pages(CommandInvocation inv, List<String> pages) {
    CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
    for (String page : pages) {
      chain = chain.thenCompose(done -> inv.reply(page).thenApply(sent -> null));
    }
    return chain;
  }
}
