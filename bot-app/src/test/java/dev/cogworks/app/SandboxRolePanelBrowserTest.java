package dev.cogworks.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.typesafe.config.ConfigFactory;
import dev.cogworks.core.internal.config.ConfigLoader;
import dev.cogworks.role.RoleCog;
import dev.cogworks.sim.browser.HeadlessChromium;
import dev.cogworks.sim.control.SimControl;
import dev.cogworks.sim.model.SimGuild;
import dev.cogworks.sim.model.SimRole;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The sandbox's role panel in #roles, clicked by a person in a real headless Chromium (Debian's,
 * through its ChromeDriver): the seeded roles, the panel the seed asks for, and its buttons giving
 * colours one at a time.
 */
@DisplayName("The sandbox's role panel, clicked in headless Chromium")
class SandboxRolePanelBrowserTest {
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  @TempDir Path work;

  @Test
  @DisplayName(
      "alice opens #roles, clicks Red then Blue: she ends with Blue alone (colours are a group),"
          + " and the answers are hers alone")
  void clicksThePanel() throws Exception {
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
                    "shutdown.deadline",
                    "5s")),
            loader);
    try (Sandbox sandbox = Sandbox.start(config, List.of(new RoleCog()), loader)) {
      SimControl control = sandbox.sim().control();
      SimGuild guild = control.guildByName("Sandbox").orElseThrow();
      long roles = control.channelByName(guild.id, "roles").orElseThrow().id;
      long alice = control.userByName("alice").orElseThrow().id;
      SimRole red = byName(guild, "Red");
      SimRole blue = byName(guild, "Blue");
      await("the seeded panel with its six buttons")
          .atMost(PATIENCE)
          .until(
              () ->
                  control.messages(roles).stream()
                      .anyMatch(
                          m ->
                              m.content.startsWith("**Pick your roles**")
                                  && m.components != null
                                  && m.components.toString().split("\"type\":2").length - 1 == 6));

      HeadlessChromium chromium = HeadlessChromium.start(1280, 900, work.resolve("chromium"));
      ChromeDriver browser = chromium.driver();
      try {
        browser.get(sandbox.url());
        waitFor(
            () ->
                !browser
                    .findElements(By.cssSelector("[data-channel-id='" + roles + "']"))
                    .isEmpty());
        new Select(browser.findElement(By.id("user-picker"))).selectByVisibleText("alice");
        browser.findElement(By.cssSelector("[data-channel-id='" + roles + "']")).click();

        click(browser, "Red");
        await("alice has Red")
            .atMost(PATIENCE)
            .until(() -> guild.members.get(alice).roleIds.contains(red.id));
        waitFor(
            () ->
                pageText(browser).contains("gave **Red**")
                    || pageText(browser).contains("gave Red"));

        click(browser, "Blue");
        await("alice has Blue, and Red went")
            .atMost(PATIENCE)
            .until(
                () ->
                    guild.members.get(alice).roleIds.contains(blue.id)
                        && !guild.members.get(alice).roleIds.contains(red.id));
        assertThat(control.auditLog(guild.id))
            .anyMatch(
                e ->
                    e.roleId() == red.id
                        && !e.added()
                        && e.reason().contains("exclusive with Blue"));
      } finally {
        chromium.close();
      }
    }
  }

  private static SimRole byName(SimGuild guild, String name) {
    return guild.roles.values().stream().filter(r -> r.name.equals(name)).findFirst().orElseThrow();
  }

  /**
   * Clicks the newest button labelled {@code label}. The chat page redraws messages as they are
   * edited (the panel is), so an element found a moment ago may be gone: find and click again.
   */
  private static void click(ChromeDriver browser, String label) {
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(100))
        .ignoreException(org.openqa.selenium.StaleElementReferenceException.class)
        .until(
            () -> {
              WebElement button =
                  browser.findElements(By.cssSelector("#messages button.component")).stream()
                      .filter(b -> b.getText().equals(label))
                      .reduce((first, second) -> second)
                      .orElse(null);
              if (button == null) {
                return false;
              }
              button.click();
              return true;
            });
  }

  private static String pageText(ChromeDriver browser) {
    return browser.findElement(By.id("messages")).getText();
  }

  private static void waitFor(java.util.concurrent.Callable<Boolean> condition) {
    await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(condition);
  }
}
