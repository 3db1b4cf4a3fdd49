package dev.cogworks.bench;

import java.util.concurrent.CompletableFuture;

/** What a benchmark row sends through: Cogworks in some mode, or plain JDA. */
interface Sender {
  CompletableFuture<Long> send(long channel, String content);

  CompletableFuture<?> edit(long channel, long message, String content);
}
