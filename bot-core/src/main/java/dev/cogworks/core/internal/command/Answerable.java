package dev.cogworks.core.internal.command;

import dev.cogworks.api.messaging.Results.SentMessage;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;

/** A command run or a component click as the executor sees it: whom to tell that it failed. */
interface Answerable {
  /**
   * What the user did, for messages and logs: {@code running `/boom`}, {@code using that button}.
   */
  String action();

  User user();

  MessageChannel channel();

  /**
   * Tells the user why it was refused or failed: ephemeral where Discord allows it, and at CRITICAL
   * priority, so that it gets through even when the queue is full (that may be the news).
   */
  CompletableFuture<SentMessage> refuse(String message);
}
