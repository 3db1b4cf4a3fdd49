package dev.cogworks.app.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogworks.app.PlatformHarness;
import dev.cogworks.markov.MarkovCog;
import dev.cogworks.music.MusicCog;
import dev.cogworks.role.RoleCog;
import dev.cogworks.testkit.fuzz.CommandFuzz;
import dev.cogworks.testkit.fuzz.FuzzReport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The short version of the bad-input fuzz ({@code scripts/chaos.sh fuzz} runs the long one): every
 * command of every bundled cog and of the platform, through prefix and slash, with a sample of
 * hostile arguments. The seed changes with the day, so the sample moves over time while a failure
 * names the seed that reproduces it.
 */
@DisplayName("Bad input: every command answers generated arguments clearly and pings no one")
class CommandFuzzTest {
  @RegisterExtension
  static final PlatformHarness bot =
      PlatformHarness.with(new MarkovCog(), new RoleCog(), new MusicCog());

  @Test
  @DisplayName("every command of every cog, prefix and slash, one sample each")
  void everyCommandAnswers() throws Exception {
    long seed = Long.getLong("fuzz.seed", java.time.LocalDate.now().toEpochDay());
    int samples = Integer.getInteger("fuzz.samples", 1);
    FuzzReport report = CommandFuzz.of(bot).seed(seed).samples(samples).run();
    System.out.println("Fuzz (seed " + seed + "): " + report.describe());
    // Every answer, for a person to judge their clarity: target/fuzz-transcript.txt.
    java.nio.file.Files.writeString(
        java.nio.file.Path.of("target", "fuzz-transcript.txt"), report.transcriptText());
    java.nio.file.Files.writeString(
        java.nio.file.Path.of("target", "fuzz-figures.txt"), report.figures(seed, samples));
    java.nio.file.Files.writeString(
        java.nio.file.Path.of("target", "fuzz-findings.txt"), report.describe());
    assertThat(report.commands()).isGreaterThan(60);
    assertThat(report.answered()).isGreaterThan(report.invocations() / 2);
    assertThat(report.findings()).as("seed %d: %s", seed, report.describe()).isEmpty();
  }
}
