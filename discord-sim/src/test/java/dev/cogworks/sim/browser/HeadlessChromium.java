package dev.cogworks.sim.browser;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, headless, for the page tests here and in the bot's modules (they get it
 * through this module's test jar): a fresh profile per browser, no first-run or background traffic,
 * no autoplay flag (a page must start its audio from a click, as a person's browser requires).
 */
public final class HeadlessChromium implements AutoCloseable {
  public static final File CHROMIUM = new File("/usr/bin/chromium");
  public static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

  private final ChromeDriver driver;
  private final Path profile;
  private final boolean ownsProfile;

  private HeadlessChromium(ChromeDriver driver, Path profile, boolean ownsProfile) {
    this.driver = driver;
    this.profile = profile;
    this.ownsProfile = ownsProfile;
  }

  /**
   * A browser window of {@code width} × {@code height}; fails the test, saying how to install them,
   * when Chromium or ChromeDriver is missing.
   */
  public static HeadlessChromium start(int width, int height) throws IOException {
    return start(width, height, Files.createTempDirectory("cogworks-chromium"), true);
  }

  /** As {@link #start(int, int)}, with the profile in {@code profile} (kept on close). */
  public static HeadlessChromium start(int width, int height, Path profile) throws IOException {
    return start(width, height, profile, false);
  }

  private static HeadlessChromium start(int width, int height, Path profile, boolean owned)
      throws IOException {
    if (!CHROMIUM.canExecute() || !CHROMEDRIVER.canExecute()) {
      fail(
          "The page tests need Debian's Chromium and ChromeDriver at /usr/bin/chromium and"
              + " /usr/bin/chromedriver: install them with `apt-get install chromium"
              + " chromium-driver`, or run .ci/run, which does.");
    }
    Files.createDirectories(profile);
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.getPath());
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=" + width + "," + height,
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).build();
    return new HeadlessChromium(new ChromeDriver(service, options), profile, owned);
  }

  public ChromeDriver driver() {
    return driver;
  }

  /** Saves what the window shows to target/NAME.png, for a person to look at. */
  public Path screenshot(String name) throws IOException {
    Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
    Files.createDirectories(Path.of("target"));
    Path saved = Path.of("target", name + ".png");
    Files.copy(shot, saved, StandardCopyOption.REPLACE_EXISTING);
    return saved;
  }

  /** Quits the browser and deletes its profile (unless the caller chose where it lives). */
  @Override
  public void close() {
    driver.quit();
    if (ownsProfile) {
      try (var files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
