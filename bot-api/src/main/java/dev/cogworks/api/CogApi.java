package dev.cogworks.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;

/**
 * The version of the cog API, so that a plugin built against another one is refused at load with a
 * clear message instead of failing later with a linkage error. A cog's jar declares the version it
 * was built against in its manifest, {@code Cogworks-Api-Version: 1}; modules built from the
 * Cogworks parent pom get it written for them.
 */
public final class CogApi {
  /** The manifest attribute a cog's jar declares its API version in. */
  public static final String MANIFEST_ATTRIBUTE = "Cogworks-Api-Version";

  /** The API version this bot provides. */
  public static final int VERSION = readVersion();

  private CogApi() {}

  /**
   * The API version the jar holding {@code type} declares, or empty when it declares none (classes
   * outside a jar, as in a cog's own tests, or a jar built without the attribute).
   */
  public static OptionalInt declaredBy(Class<?> type) {
    var source = type.getProtectionDomain().getCodeSource();
    URL location = source == null ? null : source.getLocation();
    if (location == null || !location.getPath().endsWith(".jar")) {
      return OptionalInt.empty();
    }
    try (InputStream in = location.openStream();
        JarInputStream jar = new JarInputStream(in)) {
      Manifest manifest = jar.getManifest();
      String value =
          manifest == null ? null : manifest.getMainAttributes().getValue(MANIFEST_ATTRIBUTE);
      return value == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(value.trim()));
    } catch (IOException | NumberFormatException e) {
      return OptionalInt.empty();
    }
  }

  private static int readVersion() {
    try (InputStream in = CogApi.class.getResourceAsStream("/META-INF/cogworks-api.properties")) {
      Properties properties = new Properties();
      properties.load(in);
      return Integer.parseInt(properties.getProperty("api.version"));
    } catch (IOException e) {
      throw new UncheckedIOException("bot-api's version file is missing", e);
    }
  }
}
