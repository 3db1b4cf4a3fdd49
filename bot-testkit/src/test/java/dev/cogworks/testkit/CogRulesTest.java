package dev.cogworks.testkit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The cog rules every cog module runs")
class CogRulesTest {
  private static void check(String fixture) {
    String pkg = "dev.cogworks.testkit.fixtures." + fixture;
    CogRules.check(new ClassFileImporter().importPackages(pkg), pkg);
  }

  @Test
  @DisplayName("A cog that answers through the queue and composes futures passes")
  void goodCog() {
    assertThatCode(() -> check("good")).doesNotThrowAnyException();
  }

  @Test
  @DisplayName("Depending on the platform's internals fails, naming the class")
  void internals() {
    assertThatThrownBy(() -> check("internals"))
        .hasMessageContaining("bot-api (dev.cogworks.api) alone")
        .hasMessageContaining("CogworksConfig");
  }

  @Test
  @DisplayName("Calling Discord through JDA's RestAction fails")
  void direct() {
    assertThatThrownBy(() -> check("direct"))
        .hasMessageContaining("goes through CogHelper and the MessagingQueue")
        .hasMessageContaining("queue()");
  }

  @Test
  @DisplayName("Waiting on a future (join/get) fails")
  void blocking() {
    assertThatThrownBy(() -> check("blocking"))
        .hasMessageContaining("compose futures")
        .hasMessageContaining("join()");
  }
}
