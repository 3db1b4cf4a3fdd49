package dev.cogworks.app.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cogworks.api.messaging.Results.SentMessage;
import dev.cogworks.app.PlatformHarness;
import dev.cogworks.app.Sandbox;
import dev.cogworks.app.testcogs.ProbeCog;
import dev.cogworks.core.internal.admin.BotAdmin;
import dev.cogworks.sim.browser.HeadlessChromium;
import dev.cogworks.sim.faults.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The queue monitor page in a real headless Chromium (Debian's, through its ChromeDriver), against
 * a running bot in {@code in_process} mode: the token prompt, live counters, pause and resume, dead
 * letters retried and discarded from the page, and the sandbox's chat page linking to it. The tests
 * run in order on one bot and one browser.
 */
@DisplayName("The queue monitor page in headless Chromium")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MonitorPageBrowserTest {
  private static final String SEND_ROUTE = "POST /channels/{channel_id}/messages";
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  private static final ProbeCog probe = new ProbeCog();

  @RegisterExtension
  static final PlatformHarness bot =
      PlatformHarness.with(probe)
          .config("messaging.mode", "in_process")
          // A 500 is tried twice in all, quickly: a dead letter within a second.
          .config("messaging.retry.attempts", 2)
          .config("messaging.retry.initial_backoff", "50ms");

  private static HeadlessChromium chromium;
  private static ChromeDriver browser;

  @BeforeAll
  static void start() throws Exception {
    chromium = HeadlessChromium.start(1280, 1000);
    browser = chromium.driver();
  }

  @AfterAll
  static void stop() {
    if (chromium != null) {
      chromium.close();
    }
  }

  private static BotAdmin admin() {
    return bot.bot().admin().orElseThrow();
  }

  private static String token() {
    return admin().token().reveal();
  }

  private static AdminHttp http() {
    return new AdminHttp(admin().server().port(), token());
  }

  @Test
  @Order(1)
  @DisplayName(
      "Given the monitor's URL, the page asks for the token; a wrong one is refused and asked again")
  void asksForTheToken() {
    browser.get(admin().server().url());
    waitFor(() -> shown("#token-form"));
    assertThat(shown("#dashboard")).isFalse();

    signIn("not-the-token");
    waitFor(() -> shown("#token-error"));
    assertThat(text("#token-error")).contains("refused");
    assertThat(shown("#token-form")).isTrue();
    assertThat(shown("#dashboard")).isFalse();

    signIn(token());
    waitFor(() -> shown("#dashboard"));
    assertThat(text("#mode")).isEqualTo("in_process");
    assertThat(text("#state")).isEqualTo("running");
    waitFor(() -> text("#live").equals("live"));
    assertThat(text("#queue")).contains("Queued by priority").contains("critical");
    assertThat(text("#limits")).contains("/ 10,000");
    assertThat(text("#shards")).contains("connected");

    // Kept for this tab: a reload does not ask again.
    browser.navigate().refresh();
    waitFor(() -> shown("#dashboard"));
    assertThat(shown("#token-form")).isFalse();
  }

  @Test
  @Order(2)
  @DisplayName("When a cog sends a burst, the delivered counter moves live")
  void burstMovesTheCounters() throws Exception {
    // Five to each of four channels: one bucket's worth each, so Discord makes none of them wait.
    List<Long> channels =
        List.of(
            bot.channel("general").id,
            bot.channel("music").id,
            newChannel("burst-a"),
            newChannel("burst-b"));
    long before = number("[data-stat='counter-delivered']");
    List<CompletableFuture<SentMessage>> burst = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      burst.add(probe.send(channels.get(i % channels.size()), "burst " + i));
    }
    CompletableFuture.allOf(burst.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

    await().atMost(PATIENCE).until(() -> number("[data-stat='counter-delivered']") >= before + 20);
  }

  @Test
  @Order(3)
  @DisplayName("Pause from the page holds a request (queued, not on Discord) until resume sends it")
  void pauseAndResume() throws Exception {
    long music = bot.channel("music").id;
    click("#pause-button");
    waitFor(() -> text("#state").equals("paused"));
    assertThat(text("#pause-button")).isEqualTo("Resume queue");
    assertThat(http().get("/api/snapshot").json().path("paused").asBoolean()).isTrue();

    CompletableFuture<SentMessage> held = probe.send(music, "held by the pause");
    waitFor(() -> number("[data-stat='queued']") >= 1);
    await()
        .during(Duration.ofMillis(1500))
        .atMost(Duration.ofSeconds(3))
        .until(() -> !held.isDone() && !inSimulator(music, "held by the pause"));

    click("#pause-button");
    waitFor(() -> text("#state").equals("running"));
    assertThat(held.get(20, TimeUnit.SECONDS).id()).isPositive();
    assertThat(inSimulator(music, "held by the pause")).isTrue();
    waitFor(() -> number("[data-stat='queued']") == 0);
  }

  @Test
  @Order(4)
  @DisplayName(
      "A dead letter retried from the page (with confirmation) is delivered; discard all empties")
  void deadLetters() throws Exception {
    http().post("/api/dead-letters/discard");
    long channel = newChannel("flaky");
    // More 500s than the two tries of each send: both end as dead letters.
    bot.sim().control().faults().add(new Fault.ServerError(SEND_ROUTE, 500, 0, 30));
    List<CompletableFuture<SentMessage>> sends =
        List.of(probe.send(channel, "stubborn one"), probe.send(channel, "stubborn two"));
    for (CompletableFuture<SentMessage> send : sends) {
      try {
        send.get(30, TimeUnit.SECONDS);
        throw new AssertionError("expected the send to fail while Discord answers 500");
      } catch (ExecutionException expected) {
        // a dead letter now
      }
    }
    bot.sim().control().clearFaults();

    waitFor(() -> rows().size() == 2);
    assertThat(text("#dead-letter-count")).isEqualTo("2");
    assertThat(text("#dead-letters")).contains("send_message").contains("500");
    wholePage("monitor-page");

    // Rows are redrawn whenever the snapshot changes: find them by id, never hold an element.
    String id = letterIds().get(0);
    waitFor(
        () -> {
          click("#dead-letters tr[data-letter-id='" + id + "'] button.retry");
          return true;
        });
    waitFor(() -> shown("#confirm"));
    assertThat(text("#confirm-text")).contains(id);
    click("#confirm-yes");

    await()
        .atMost(PATIENCE)
        .until(() -> inSimulator(channel, "stubborn one") || inSimulator(channel, "stubborn two"));
    waitFor(() -> letterIds().size() == 1 && !letterIds().contains(id));
    assertThat(bot.sim().control().messages(channel)).hasSize(1);

    // Cancelling the confirmation does nothing; confirming discards every letter.
    click("#discard-all");
    waitFor(() -> shown("#confirm"));
    assertThat(text("#confirm-text")).contains("Discard the 1 dead letter");
    click("#confirm-no");
    assertThat(shown("#confirm")).isFalse();
    await()
        .during(Duration.ofMillis(1200))
        .atMost(Duration.ofSeconds(3))
        .until(() -> http().get("/api/dead-letters").json().path("count").asInt() == 1);

    click("#discard-all");
    waitFor(() -> shown("#confirm"));
    click("#confirm-yes");
    waitFor(() -> rows().isEmpty() && text("#dead-letter-count").equals("0"));
    assertThat(http().get("/api/dead-letters").json().path("count").asInt()).isZero();
    assertThat(bot.sim().control().messages(channel)).hasSize(1);
  }

  @Test
  @Order(5)
  @DisplayName("The chart draws the last hour's sends and depth; the page fits a narrow window")
  void chartAndNarrowWindow() throws Exception {
    // One sample every ten seconds: the first is there at most ten seconds after the bot started.
    // The page redraws the chart with each update, replacing its elements: read both lines in one
    // script so a redraw between two WebDriver calls cannot leave a stale element.
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                Boolean.TRUE.equals(
                    browser.executeScript(
                        "const s = document.getElementById('chart-sent'),"
                            + " d = document.getElementById('chart-depth');"
                            + " return !!(s && d && s.getAttribute('points')"
                            + " && d.getAttribute('points'));")));
    wholePage("monitor-page-chart");

    Dimension wide = browser.manage().window().getSize();
    try {
      browser.manage().window().setSize(new Dimension(400, 900));
      Long overflow =
          (Long)
              browser.executeScript(
                  "return document.documentElement.scrollWidth - window.innerWidth;");
      assertThat(overflow).as("no sideways scrolling in a narrow window").isLessThanOrEqualTo(0);
      wholePage("monitor-page-narrow");
    } finally {
      browser.manage().window().setSize(wide);
    }
  }

  @Test
  @Order(6)
  @DisplayName("No URL the page opened or requested carries the token")
  void tokenNeverInAUrl() {
    @SuppressWarnings("unchecked")
    List<String> urls =
        (List<String>)
            browser.executeScript(
                "return performance.getEntriesByType('navigation')"
                    + ".concat(performance.getEntriesByType('resource'))"
                    + ".map(e => e.name).concat([location.href]);");
    assertThat(urls).anyMatch(u -> u.contains("/api/"));
    assertThat(urls).noneMatch(u -> u.contains(token())).noneMatch(u -> u.contains("token="));
    assertThat(browser.executeScript("return sessionStorage.getItem('cogworks.admin.token')"))
        .isEqualTo(token());
    assertThat(browser.executeScript("return localStorage.length")).isEqualTo(0L);
  }

  @Test
  @Order(7)
  @DisplayName("The sandbox's chat page links the monitor, without the token; the tab remembers it")
  void chatPageLinksTheMonitor() {
    Sandbox.linkMonitor(bot.sim().control(), bot.bot());
    browser.get(bot.sim().baseUrl());
    waitFor(() -> !browser.findElements(By.cssSelector("#page-links a")).isEmpty());
    WebElement link = browser.findElement(By.cssSelector("#page-links a"));
    assertThat(link.getText()).isEqualTo(Sandbox.MONITOR_LINK);
    String href = link.getAttribute("href");
    assertThat(href).isEqualTo(admin().server().url()).doesNotContain(token());

    browser.get(href);
    waitFor(() -> shown("#dashboard"));
    assertThat(shown("#token-form")).isFalse();
  }

  private static long newChannel(String name) {
    long id = bot.sim().control().createChannel(bot.guild().id, name).id;
    await().atMost(PATIENCE).until(() -> bot.bot().shards().getTextChannelById(id) != null);
    return id;
  }

  // ---- the page ----

  private static void signIn(String token) {
    WebElement input = browser.findElement(By.id("token-input"));
    input.clear();
    input.sendKeys(token);
    click("#token-submit");
  }

  @SuppressWarnings("unchecked")
  private static List<String> letterIds() {
    return (List<String>)
        browser.executeScript(
            "return [...document.querySelectorAll('#dead-letters tr[data-letter-id]')]"
                + ".map(r => r.getAttribute('data-letter-id'));");
  }

  private static List<WebElement> rows() {
    return browser.findElements(By.cssSelector("#dead-letters tr[data-letter-id]"));
  }

  private static boolean inSimulator(long channel, String content) {
    return bot.sim().control().messages(channel).stream().anyMatch(m -> m.content.equals(content));
  }

  private static void click(String selector) {
    browser.findElement(By.cssSelector(selector)).click();
  }

  private static boolean shown(String selector) {
    return browser.findElement(By.cssSelector(selector)).isDisplayed();
  }

  private static String text(String selector) {
    // The page redraws a panel by replacing its elements; one found just before a redraw is stale
    // by the time it is read, so it is looked up again (a redraw takes far less than 3 tries).
    for (int attempt = 1; ; attempt++) {
      try {
        return browser.findElement(By.cssSelector(selector)).getText().strip();
      } catch (StaleElementReferenceException replaced) {
        if (attempt == 3) {
          throw replaced;
        }
      }
    }
  }

  private static long number(String selector) {
    return Long.parseLong(text(selector).replace(",", ""));
  }

  private static void waitFor(Callable<Boolean> condition) {
    try {
      await()
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(100))
          .ignoreExceptions()
          .until(condition);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          e.getMessage()
              + "; the page shows:\n"
              + browser.findElement(By.tagName("body")).getText(),
          e);
    }
  }

  /** Saves the whole page, however long, to target/NAME.png: the window grows to fit it. */
  private static void wholePage(String name) throws Exception {
    Dimension size = browser.manage().window().getSize();
    try {
      long height =
          (Long) browser.executeScript("return document.documentElement.scrollHeight + 120;");
      browser.manage().window().setSize(new Dimension(size.getWidth(), (int) height));
      screenshot(name);
    } finally {
      browser.manage().window().setSize(size);
    }
  }

  /** Saves what the page shows to target/NAME.png, for a person to look at. */
  private static void screenshot(String name) throws Exception {
    chromium.screenshot(name);
  }
}
