package dev.cogworks.core.internal.voice;

import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import net.dv8tion.jda.api.audio.dave.DaveSessionFactory;
import net.dv8tion.jda.api.audio.dave.PassthroughDaveSessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the DAVE (end-to-end voice encryption) implementation for {@code discord.voice.dave}:
 * {@code passthrough} (none: Discord refuses such voice connections outside stage channels since
 * March 2026, the simulator accepts them), {@code auto} (one found on the classpath or in {@code
 * plugins/}: a {@link ServiceLoader} provider of {@link DaveSessionFactory}, or JDAVE's factory by
 * name; else passthrough with one warning), or the class name of a factory.
 */
public final class DaveFactories {
  private static final Logger log = LoggerFactory.getLogger(DaveFactories.class);

  /** Known implementations with a no-argument constructor, tried by {@code auto}. */
  static final List<String> KNOWN =
      List.of("club.minnced.discord.jdave.interop.JDaveSessionFactory");

  private DaveFactories() {}

  /**
   * The factory the setting names, loaded from {@code loader}.
   *
   * @throws IllegalArgumentException naming the key when a named class cannot be used
   */
  public static DaveSessionFactory select(String setting, ClassLoader loader) {
    String value = setting.trim();
    if (value.isEmpty() || value.equals("passthrough")) {
      return new PassthroughDaveSessionFactory();
    }
    if (value.equals("auto")) {
      Optional<DaveSessionFactory> found = discover(loader);
      if (found.isPresent()) {
        log.info("Voice: DAVE by {} (discord.voice.dave = auto)", found.get().getClass().getName());
        return found.get();
      }
      log.warn(
          "Voice: no DAVE implementation found (discord.voice.dave = auto), so voice runs without"
              + " end-to-end encryption: Discord refuses that outside stage channels since March"
              + " 2026 (close code 4017). Add JDAVE (club.minnced:jdave-api with its native; Java 25"
              + " and glibc 2.38) to plugins/ or the classpath.");
      return new PassthroughDaveSessionFactory();
    }
    try {
      Object made = Class.forName(value, true, loader).getDeclaredConstructor().newInstance();
      if (made instanceof DaveSessionFactory factory) {
        log.info("Voice: DAVE by {} (discord.voice.dave)", value);
        return factory;
      }
      throw new IllegalArgumentException(
          "discord.voice.dave = " + value + " is not a " + DaveSessionFactory.class.getName());
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new IllegalArgumentException(
          "discord.voice.dave = "
              + value
              + " cannot be made ("
              + e
              + "); allowed: auto, passthrough, or the class name of a DaveSessionFactory with a"
              + " no-argument constructor on the classpath or in plugins/",
          e);
    }
  }

  private static Optional<DaveSessionFactory> discover(ClassLoader loader) {
    try {
      for (DaveSessionFactory factory : ServiceLoader.load(DaveSessionFactory.class, loader)) {
        if (!(factory instanceof PassthroughDaveSessionFactory)) {
          return Optional.of(factory);
        }
      }
    } catch (java.util.ServiceConfigurationError e) {
      log.warn("Voice: a DAVE provider could not be loaded: {}", e.toString());
    }
    for (String name : KNOWN) {
      try {
        Object made = Class.forName(name, true, loader).getDeclaredConstructor().newInstance();
        return Optional.of((DaveSessionFactory) made);
      } catch (ClassNotFoundException absent) {
        // not there: the usual case
      } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
        // JDAVE needs Java 25 and a native built on glibc 2.38: say why it was passed over.
        log.warn("Voice: {} is present but unusable here: {}", name, e.toString());
      }
    }
    return Optional.empty();
  }
}
