package dev.cogworks.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogworks.app.testcogs.ToolsCog;
import dev.cogworks.sim.control.SimControl;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName(
    "Members at start: the bot identifies GUILD_MEMBERS without presences, so it chunks every guild")
class MembersAtStartTest {
  @RegisterExtension static final PlatformHarness bot = PlatformHarness.with(new ToolsCog());

  @Test
  @DisplayName(
      "given 1,500 more members, a restart within Discord's 30 s member-list limit is rate limited,"
          + " asks again, and ends with every member: users given by name resolve")
  void namesResolveAfterQuickRestart() throws Exception {
    SimControl control = bot.sim().control();
    for (int i = 0; i < 1_500; i++) {
      control.addMember(bot.guild().id, control.createUser("crowd" + i).id, List.of());
    }
    bot.post("alice", "general", "!whois crowd1499 Administrator");
    bot.awaitReply("general", "member: crowd1499, role: Administrator");

    // A new session: GUILD_CREATE lists only the bot, JDA asks for the whole list again within
    // 30 s of the first start, Discord answers RATE_LIMITED, and the bot asks once more after it.
    long start = System.nanoTime();
    bot.restartBotAtOnce();
    // The wait was Discord's: the second list came only after its 30 s window.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofSeconds(20));

    bot.post("alice", "general", "!whois crowd1498 Administrator");
    bot.awaitReply("general", "member: crowd1498, role: Administrator");
    bot.slash("alice", "general", "whois", java.util.Map.of("who", "crowd7"));
    bot.awaitReply("general", "member: crowd7$");
  }
}
