package dev.cogworks.testkit.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogworks.api.CogHelper;
import dev.cogworks.api.command.CommandSpec;
import dev.cogworks.api.command.OptionKind;
import dev.cogworks.api.command.OptionSpec;
import dev.cogworks.api.messaging.AllowedMentions;
import dev.cogworks.api.messaging.SendOptions;
import dev.cogworks.testkit.CogworksHarness;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("CommandFuzz finds what it looks for: a crash, a ping, a silence")
class CommandFuzzSelfTest {
  /** Three faults a fuzz run must report, and one command without any. */
  static final class CarelessCog extends CogHelper {
    @Override
    public String name() {
      return "careless";
    }

    @Override
    public List<CommandSpec> commands() {
      return List.of(
          CommandSpec.builder("shout", "Repeats the text, pinging whoever it names")
              .option(OptionSpec.required("text", OptionKind.STRING, "what to repeat"))
              .handler(
                  inv ->
                      sendMessage(
                          inv.channelId(),
                          "you said "
                              + inv.string("text").orElseThrow()
                              + " <@"
                              + inv.user().getIdLong()
                              + ">",
                          SendOptions.DEFAULT.withAllowedMentions(
                              new AllowedMentions(true, true, true, Set.of()))))
              .build(),
          CommandSpec.builder("crash", "Fails on anything but a small number")
              .option(OptionSpec.required("n", OptionKind.INTEGER, "a number"))
              .handler(
                  inv -> {
                    long n = inv.integer("n").orElseThrow();
                    if (n < 0 || n > 1000) {
                      throw new IllegalStateException("not ready for " + n);
                    }
                    return inv.reply("fine: " + n);
                  })
              .build(),
          CommandSpec.builder("mute", "Never answers")
              .handler(inv -> CompletableFuture.completedFuture(null))
              .build(),
          CommandSpec.builder("fine", "Answers plainly")
              .handler(inv -> inv.reply("all good"))
              .build());
    }
  }

  @RegisterExtension static final CogworksHarness bot = CogworksHarness.with(new CarelessCog());

  @Test
  @DisplayName("each fault is a finding naming the command; the plain command has none")
  void findsEachFault() throws Exception {
    FuzzReport report =
        CommandFuzz.of(bot)
            .seed(3)
            .samples(2)
            .patience(Duration.ofSeconds(10))
            .skipping("help", "ping", "settings", "mydata", "cogworks", "ask")
            .run();
    List<FuzzReport.Finding> findings = report.findings();
    assertThat(findings)
        .anySatisfy(
            f -> {
              assertThat(f.input()).contains("shout");
              assertThat(f.problem()).startsWith("the answer pings");
            });
    assertThat(findings)
        .anySatisfy(
            f -> {
              assertThat(f.input()).contains("crash");
              assertThat(f.problem()).isEqualTo("answered with an internal error");
            });
    assertThat(findings)
        .anySatisfy(
            f -> {
              assertThat(f.input()).contains("mute");
              assertThat(f.problem()).startsWith("no answer");
            });
    assertThat(findings).anySatisfy(f -> assertThat(f.problem()).isEqualTo("logged at ERROR"));
    assertThat(findings).noneMatch(f -> f.input().contains("fine"));
  }
}
