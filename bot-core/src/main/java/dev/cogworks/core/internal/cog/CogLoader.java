package dev.cogworks.core.internal.cog;

import dev.cogworks.api.Cog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds cogs with {@link ServiceLoader}: on the application's classpath and in every jar of the
 * plugins folder, through one class loader whose parent is the application's. Plugins therefore see
 * the platform's API and libraries, and also each other's classes: isolation is not what this
 * loader gives. That a cog uses only the API, and no other cog, is checked where it is built (the
 * architecture rules of {@code bot-testkit}); that it was built against this API version is checked
 * when it loads.
 */
public final class CogLoader {
  private static final Logger log = LoggerFactory.getLogger(CogLoader.class);

  private CogLoader() {}

  /** A class loader for the plugin jars in {@code folder} (the parent alone if none). */
  public static ClassLoader pluginClassLoader(Path folder, ClassLoader parent) {
    if (!Files.isDirectory(folder)) {
      return parent;
    }
    List<URL> jars = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
        jars.add(jar.toUri().toURL());
      }
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read plugins folder " + folder, e);
    }
    if (jars.isEmpty()) {
      return parent;
    }
    log.info("Plugin jars in {}: {}", folder, jars.size());
    return new URLClassLoader("cogworks-plugins", jars.toArray(URL[]::new), parent);
  }

  /**
   * Every cog the class loader can see. A provider that cannot even be instantiated is reported
   * with its cause and skipped; the others still load.
   */
  public static List<Cog> discover(ClassLoader loader) {
    List<Cog> cogs = new ArrayList<>();
    var iterator = ServiceLoader.load(Cog.class, loader).iterator();
    while (true) {
      try {
        if (!iterator.hasNext()) {
          break;
        }
        cogs.add(iterator.next());
      } catch (ServiceConfigurationError e) {
        log.error("A cog could not be created and is skipped: {}", e.getMessage(), e.getCause());
      }
    }
    return cogs;
  }
}
