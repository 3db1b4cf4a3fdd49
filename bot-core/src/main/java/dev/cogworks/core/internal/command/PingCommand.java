package dev.cogworks.core.internal.command;

import dev.cogworks.api.command.CommandInvocation;
import dev.cogworks.api.command.CommandSpec;
import dev.cogworks.api.command.Reply;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * {@code ping}: answers at once, then edits the answer with the round trip it took: the latency a
 * user sees, through the messaging queue of whatever mode the bot runs in.
 */
final class PingCommand {
  CommandSpec spec() {
    return CommandSpec.builder("ping", "Show the bot's gateway latency and its reply round trip")
        .inDirectMessages()
        .handler(this::ping)
        .build();
  }

  private CompletionStage<?> ping(CommandInvocation invocation) {
    long gateway = invocation.user().getJDA().getGatewayPing();
    long start = System.nanoTime();
    String pong = "Pong! Gateway " + gateway + " ms";
    return invocation
        .reply(pong + ".")
        .thenCompose(
            sent ->
                invocation.editReply(
                    Reply.of(
                        pong
                            + ", reply round trip "
                            + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)
                            + " ms.")));
  }
}
