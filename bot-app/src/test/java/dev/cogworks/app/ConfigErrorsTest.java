package dev.cogworks.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import dev.cogworks.core.internal.config.CogworksConfig;
import dev.cogworks.core.internal.config.ConfigError;
import dev.cogworks.core.internal.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Configuration errors stop start-up with one line: key, value, what is allowed, file")
class ConfigErrorsTest {
  @TempDir Path dir;

  private String errorFor(String applicationConf) throws Exception {
    Path file = dir.resolve("application.conf");
    Files.writeString(file, applicationConf);
    try {
      CogworksConfig config =
          ConfigLoader.load(file, ConfigFactory.empty(), getClass().getClassLoader());
      ConfigLoader.checkKnownKeys(
          config.raw(), ConfigFactory.defaultReference(getClass().getClassLoader()), "notes");
    } catch (ConfigError e) {
      assertThat(e.getMessage()).doesNotContain("\n").contains("application.conf");
      return e.getMessage();
    }
    throw new AssertionError("no error for: " + applicationConf);
  }

  @Test
  @DisplayName("The defaults are valid")
  void defaultsAreValid() {
    CogworksConfig config =
        ConfigLoader.load(null, ConfigFactory.empty(), getClass().getClassLoader());

    assertThat(config.commands().prefixes()).containsExactly("!");
    assertThat(config.commands().registration()).isEqualTo(CogworksConfig.Registration.GUILD);
    assertThat(config.sandboxPort()).isEqualTo(8090);
  }

  @Test
  @DisplayName("An unknown choice names the allowed values")
  void unknownChoice() throws Exception {
    assertThat(errorFor("commands.registration = sideways"))
        .startsWith("commands.registration = \"sideways\"")
        .endsWith("must be one of guild, global");
  }

  @Test
  @DisplayName("A typo in a key of the platform's own blocks stops start-up, naming the key")
  void unknownCoreKey() throws Exception {
    assertThat(errorFor("messaging.mdoe = direct"))
        .startsWith("messaging.mdoe = \"direct\"")
        .contains("unknown key")
        .contains("mode");
    assertThat(errorFor("discord.shards.totl = 2")).startsWith("discord.shards.totl = 2");
    assertThat(errorFor("messaging.gateway.redis.urI = \"redis://x\"")).contains("unknown key");
  }

  @Test
  @DisplayName("Owners are Discord user ids")
  void owners() throws Exception {
    assertThat(errorFor("discord.owners = [alice]"))
        .startsWith("discord.owners")
        .contains("Discord user ids");
  }

  @Test
  @DisplayName("An unknown messaging mode names the modes this build has")
  void unknownMode() throws Exception {
    assertThat(errorFor("messaging.mode = turbo"))
        .startsWith("messaging.mode = \"turbo\"")
        .endsWith("must be one of direct, in_process, external_gateway");
    assertThat(errorFor("messaging.retry.attempts = 0")).contains("messaging.retry.attempts");
  }

  @Test
  @DisplayName("A negative size, a malformed duration, a bad port, a shard id out of range")
  void badValues() throws Exception {
    assertThat(errorFor("database.pool_size = -3"))
        .contains("database.pool_size = -3", "at least 1");
    assertThat(errorFor("shutdown.deadline = soon")).contains("shutdown.deadline", "10s");
    assertThat(errorFor("sandbox.port = 70000")).contains("sandbox.port = 70000", "0 to 65535");
    assertThat(errorFor("discord.shards { total = 2, ids = [2] }")).contains("discord.shards.ids");
    assertThat(errorFor("commands.prefix = \"\"")).contains("commands.prefix");
  }

  @Test
  @DisplayName("Prefixes: one or a list; a bad one is refused with what is allowed")
  void prefixes() throws Exception {
    Path file = dir.resolve("application.conf");
    Files.writeString(file, "commands.prefix = [\"?\", \";;\"]");
    assertThat(
            ConfigLoader.load(file, ConfigFactory.empty(), getClass().getClassLoader())
                .commands()
                .prefixes())
        .containsExactly("?", ";;");
    assertThat(errorFor("commands.prefix = [\"!\", \"/x\"]"))
        .contains("commands.prefix", "1 to 5 prefixes", "not starting with /");
    assertThat(errorFor("commands.prefix = [\"a b\"]")).contains("without spaces");
  }

  @Test
  @DisplayName(
      "Data retention and cogs off by default are checked, naming the key and allowed values")
  void dataAndCogSwitches() throws Exception {
    assertThat(errorFor("data.server_retention = soon"))
        .contains("data.server_retention", "a duration such as 10s");
    Path file = dir.resolve("application.conf");
    Files.writeString(file, "cogs.off_by_default = [notes, poetry]");
    CogworksConfig config =
        ConfigLoader.load(file, ConfigFactory.empty(), getClass().getClassLoader());
    assertThat(config.data().serverRetention()).isEqualTo(java.time.Duration.ofDays(30));
    assertThatThrownBy(
            () ->
                ConfigLoader.checkNames(
                    config.raw(), "cogs.off_by_default", List.of("notes", "tools")))
        .isInstanceOf(ConfigError.class)
        .hasMessageContaining("cogs.off_by_default")
        .hasMessageContaining("application.conf")
        .hasMessageEndingWith("`poetry` is not one of the cogs found here: notes, tools");
  }

  @Test
  @DisplayName("An unknown key in a cog's block is refused, naming the keys the cog has")
  void unknownCogKey() throws Exception {
    assertThat(errorFor("notes { maxx = 5 }"))
        .startsWith("notes.maxx = 5")
        .endsWith("unknown key; notes has max");
  }

  @Test
  @DisplayName("A file that is not valid HOCON is reported with its position")
  void malformedFile() throws Exception {
    assertThat(errorFor("commands { prefix = \"!\" ")).contains("configuration cannot be read");
  }

  @Test
  @DisplayName("The token is never shown, not even in the config's description")
  void tokenNeverShown() {
    CogworksConfig config =
        ConfigLoader.load(
            null,
            ConfigFactory.parseString("discord.token = \"MTIz.secret-token-value\""),
            getClass().getClassLoader());

    assertThat(config.discord().toString()).doesNotContain("secret-token-value").contains("<set>");
    assertThat(config.toString()).doesNotContain("secret-token-value");
  }
}
