package dev.cogworks.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.typesafe.config.ConfigFactory;
import dev.cogworks.core.internal.config.ConfigLoader;
import dev.cogworks.markov.MarkovCog;
import dev.cogworks.sim.control.PageLinks;
import dev.cogworks.sim.model.SimMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The sandbox seeds #markov and learns from it, so speak works at once")
class SandboxMarkovTest {
  @TempDir Path work;

  @Test
  @DisplayName(
      "#markov holds a few hundred messages with the server's emojis; !speak answers from them")
  void speaksAtOnce() throws Exception {
    ClassLoader loader = getClass().getClassLoader();
    var config =
        ConfigLoader.load(
            null,
            ConfigFactory.parseMap(
                Map.of(
                    "sandbox.port",
                    0,
                    "database.data_dir",
                    work.resolve("pg").toString(),
                    "cogs.plugins_dir",
                    work.resolve("plugins").toString(),
                    // The admin server on any free port, its token file in the test's folder.
                    "admin.port",
                    0,
                    "admin.token_file",
                    work.resolve("admin-token").toString(),
                    "shutdown.deadline",
                    "5s")),
            loader);
    try (Sandbox sandbox = Sandbox.start(config, List.of(new MarkovCog()), loader)) {
      var control = sandbox.sim().control();
      // The chat page links the bot's queue monitor; the link carries no token.
      String monitor = sandbox.bot().admin().orElseThrow().server().url();
      assertThat(control.pageLinks().list())
          .containsExactly(new PageLinks.Link(Sandbox.MONITOR_LINK, monitor));
      long guild = control.guildByName("Sandbox").orElseThrow().id;
      long markov = control.channelByName(guild, "markov").orElseThrow().id;
      long alice = control.userByName("alice").orElseThrow().id;
      assertThat(control.messages(markov)).hasSizeGreaterThanOrEqualTo(MarkovSandboxSeed.MESSAGES);
      assertThat(control.messages(markov)).anyMatch(m -> m.content.contains("<a:partyparrot:"));
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  control.messages(markov).stream()
                      .anyMatch(m -> m.content.startsWith("Learning from <#" + markov + ">")));
      // Backfilling takes a moment after the answer: ask again while it says it knows nothing.
      AtomicLong asked = new AtomicLong(control.postMessage(markov, alice, "!speak my cat").id);
      AtomicReference<SimMessage> answer = new AtomicReference<>();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                var reply =
                    control.messages(markov).stream()
                        .filter(m -> m.id > asked.get() && m.author.bot)
                        .findFirst();
                if (reply.isEmpty()) {
                  return false;
                }
                if (reply.get().content.startsWith("I have")) {
                  asked.set(control.postMessage(markov, alice, "!speak my cat").id);
                  return false;
                }
                answer.set(reply.get());
                return true;
              });
      SimMessage spoken = answer.get();
      assertThat(spoken.content).startsWith("my cat ");
    }
  }
}
