package dev.cogworks.app.testcogs;

import dev.cogworks.api.CogHelper;
import dev.cogworks.api.command.CommandSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A cog whose command sends more messages than a small queue takes. */
public final class FloodCog extends CogHelper {
  @Override
  public String name() {
    return "flood";
  }

  @Override
  public List<CommandSpec> commands() {
    return List.of(
        CommandSpec.builder("flood", "Send five messages at once")
            .handler(
                inv -> {
                  List<CompletableFuture<?>> sends = new ArrayList<>();
                  for (int i = 0; i < 5; i++) {
                    var send = sendMessage(inv.channel().getIdLong(), "wave " + i);
                    if (send.isCompletedExceptionally()) {
                      return send; // refused at once: tell the user now, not after the rest
                    }
                    sends.add(send);
                  }
                  return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new));
                })
            .build());
  }
}
