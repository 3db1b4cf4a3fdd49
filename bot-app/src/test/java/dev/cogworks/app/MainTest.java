package dev.cogworks.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The command line: --help, unknown commands, configuration errors")
class MainTest {
  private record Run(int exit, String out, String err) {}

  private static Run main(List<String> jvmArgs, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(System.getProperty("java.home") + "/bin/java");
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(
        process.exitValue(),
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName("--help lists run, gateway, sim, migrate and where configuration is read from")
  void help() throws Exception {
    Run run = main(List.of(), "--help");

    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .contains(
            "run",
            "gateway",
            "sim",
            "migrate",
            "application.conf",
            "-Dconfig.file",
            "DISCORD_TOKEN");
  }

  @Test
  @DisplayName("An unknown command exits 2 and lists the commands")
  void unknownCommand() throws Exception {
    Run run = main(List.of(), "fly");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("Unknown command 'fly'", "run, gateway, sim, migrate");
  }

  @Test
  @DisplayName("A gateway worker without a token says it needs DISCORD_TOKEN and exits 2")
  void gatewayWithoutToken() throws Exception {
    Run run = main(List.of("-Dmessaging.mode=external_gateway"), "gateway");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("discord.token", "DISCORD_TOKEN");
  }

  @Test
  @DisplayName("A bad value stops start-up with one line naming key, value, allowed values, source")
  void configurationError() throws Exception {
    Run run = main(List.of("-Dcommands.registration=sideways"), "run");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().strip())
        .isEqualTo(
            "Configuration error: commands.registration = \"sideways\" (system properties):"
                + " must be one of guild, global");
  }
}
