package dev.cogworks.sim.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import dev.cogworks.sim.DiscordSim;
import dev.cogworks.sim.SandboxSeed;
import dev.cogworks.sim.jda.SimJda;
import dev.cogworks.sim.model.PrivilegedIntent;
import dev.cogworks.sim.model.SimBot;
import dev.cogworks.sim.model.SimGuild;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.managers.AudioManager;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.cache.CacheFlag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Voice on the chat page, in headless Chromium (no autoplay flag: the Listen click is the gesture
 * that lets the page play): who is in which voice channel, a person joining by a click, the bot's
 * level meter while real JDA plays a tone, and the decoded audio arriving and being scheduled.
 */
@DisplayName("Voice on the chat page in headless Chromium")
class VoicePageBrowserTest {
  private static final File CHROMIUM = new File("/usr/bin/chromium");
  private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

  private static DiscordSim sim;
  private static SimGuild guild;
  private static SimBot bot;
  private static JDA jda;
  private static ChromeDriver browser;
  private static Path profile;
  private static final ClipSender sender = new ClipSender();

  @BeforeAll
  static void start() throws Exception {
    if (!CHROMIUM.canExecute() || !CHROMEDRIVER.canExecute()) {
      fail(
          "The chat page test needs Debian's Chromium and ChromeDriver at /usr/bin/chromium and"
              + " /usr/bin/chromedriver: install them with `apt-get install chromium"
              + " chromium-driver`, or run .ci/run, which does.");
    }
    sim = DiscordSim.start();
    guild = SandboxSeed.apply(sim.control());
    bot = sim.control().createBot("dj", PrivilegedIntent.all());
    jda =
        SimJda.builder(sim, bot, Compression.ZLIB)
            .enableIntents(GatewayIntent.GUILD_VOICE_STATES)
            .enableCache(CacheFlag.VOICE_STATE)
            .build()
            .awaitReady();
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.getPath());
    profile = Files.createTempDirectory("discord-sim-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,900",
        "--user-data-dir=" + profile);
    browser =
        new ChromeDriver(
            new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).build(), options);
    browser.get(sim.baseUrl());
    await().until(() -> !browser.findElements(By.cssSelector("[data-voice-channel-id]")).isEmpty());
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
      Files.createDirectories(Path.of("target"));
      Files.copy(shot, Path.of("target", "voice-page.png"), StandardCopyOption.REPLACE_EXISTING);
      browser.quit();
    }
    if (jda != null) {
      jda.shutdownNow();
    }
    if (sim != null) {
      sim.close();
    }
  }

  private static long channelId(String name) {
    return sim.control().channelByName(guild.id, name).orElseThrow().id;
  }

  private static By member(long userId) {
    return By.cssSelector("[data-voice-user-id='" + userId + "']");
  }

  @Test
  @DisplayName("a person joins Lounge by a click; the bot plays in Music; Listen plays it")
  void voiceOnThePage() {
    long alice = sim.control().userByName("alice").orElseThrow().id;
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("user-picker")))
        .selectByVisibleText("alice");
    browser
        .findElement(By.cssSelector("[data-voice-channel-id='" + channelId("Lounge") + "']"))
        .click();
    await().until(() -> guild.voiceStates.containsKey(alice));
    await().until(() -> !browser.findElements(member(alice)).isEmpty());

    AudioManager audio = jda.getGuildById(guild.id).getAudioManager();
    audio.setSendingHandler(sender);
    audio.openAudioConnection(
        jda.getGuildById(guild.id).getVoiceChannelsByName("Music", false).get(0));
    await()
        .until(
            () ->
                sim.voice().latest(guild.id, bot.user.id).map(VoiceStats::connected).orElse(false));
    click(By.cssSelector("[data-listen-guild='" + guild.id + "']"));
    sender.play(OpusClip.tone(250, 440, 0.5).frames());

    // The page redraws the voice list as states change: read it in one script each time, never
    // holding an element across calls. The bot's meter shows the packets the simulator counted.
    String row = "[data-voice-user-id='" + bot.user.id + "']";
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () ->
                Boolean.TRUE.equals(
                    browser.executeScript(
                        "const m = document.querySelector(arguments[0] + ' .level');"
                            + " return !!m && Number(m.dataset.packets) > 0;",
                        row)));
    assertThat(
            (String)
                browser.executeScript(
                    "const r = document.querySelector(arguments[0]);"
                        + " return r ? r.innerText : '';",
                    row))
        .contains("dj")
        .contains("BOT");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> number(listenState().get("scheduled")) >= 50);
    Map<?, ?> state = listenState();
    assertThat(number(state.get("frames"))).isGreaterThanOrEqualTo(50);
    assertThat(state.get("contextState")).isEqualTo("running");
    // The tone at half scale, not silence, came through.
    assertThat(number(state.get("peak"))).isGreaterThan(0.3);
    await().until(sender::done);
    audio.closeAudioConnection();
  }

  /**
   * A real click (a user gesture, which WebAudio needs), tried again if the voice list was redrawn
   * between finding the element and clicking it.
   */
  private static void click(By target) {
    await()
        .ignoreException(org.openqa.selenium.StaleElementReferenceException.class)
        .until(
            () -> {
              browser.findElement(target).click();
              return true;
            });
  }

  private static Map<?, ?> listenState() {
    return (Map<?, ?>)
        browser.executeScript(
            "const l = window.simVoiceListen; return {frames: l.frames, scheduled: l.scheduled,"
                + " peak: l.peak, contextState: l.context ? l.context.state : 'none'};");
  }

  private static double number(Object value) {
    return value == null ? 0 : ((Number) value).doubleValue();
  }
}
