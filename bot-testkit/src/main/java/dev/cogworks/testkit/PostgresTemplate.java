package dev.cogworks.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A PostgreSQL data directory made once per machine and copied into each test's empty one, so a
 * test's database starts without {@code initdb}: that takes about 5 s on two busy cores, and a
 * verify starts some 80 databases. The embedded server skips {@code initdb} when its directory
 * already holds a cluster ({@code postgresql.conf}); a copy of a cleanly stopped one is such a
 * cluster, the same as {@code initdb} would have made.
 */
public final class PostgresTemplate {
  /** Files of a running or stopped server that belong to that run, not to the cluster. */
  private static final Set<String> NOT_COPIED = Set.of("epg-lock", "postmaster.pid");

  private static final String READY = "cogworks-template-ready";

  private static Path template;

  private PostgresTemplate() {}

  /**
   * Fills {@code dataDir} with a fresh cluster when it holds none yet; a directory with a cluster
   * (a restart of the same test's database) is left as it is.
   */
  public static void seed(Path dataDir) {
    try {
      if (Files.exists(dataDir.resolve("postgresql.conf"))) {
        return;
      }
      Optional<String> binaries = binaries();
      if (binaries.isEmpty()) {
        return; // binaries this class cannot name: the server runs initdb itself, as before
      }
      Files.createDirectories(dataDir);
      copy(template(binaries.get()), dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare a PostgreSQL data directory in " + dataDir, e);
    }
  }

  /** {@link #seed}s {@code dataDir} and gives its path, for a {@code database.data_dir} setting. */
  public static String seeded(Path dataDir) {
    seed(dataDir);
    return dataDir.toString();
  }

  /** The machine's template, made under a file lock: test JVMs run side by side. */
  private static synchronized Path template(String binaries) throws IOException {
    if (template != null) {
      return template;
    }
    Path dir =
        Path.of(
            System.getProperty("java.io.tmpdir"),
            "cogworks-pg-template-" + Integer.toHexString(binaries.hashCode()));
    Path lockFile = dir.resolveSibling(dir.getFileName() + ".lock");
    try (FileChannel channel =
            FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.lock()) {
      if (!Files.exists(dir.resolve(READY))) {
        deleteTree(dir);
        Path building = Files.createTempDirectory(dir.getParent(), dir.getFileName() + ".building");
        EmbeddedPostgres.builder()
            .setDataDirectory(building)
            .setCleanDataDirectory(false)
            .start()
            .close(); // a clean stop: the copy starts without recovery
        Files.createFile(building.resolve(READY));
        Files.move(building, dir, StandardCopyOption.ATOMIC_MOVE);
      }
    }
    template = dir;
    return dir;
  }

  /**
   * Where the PostgreSQL binaries for this machine come from (their jar, which names the version),
   * so a version change makes a new template: a cluster starts only on the major version that made
   * it. Empty when none of the names the embedded server looks for is found.
   */
  private static Optional<String> binaries() {
    String os = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT);
    String system = os.contains("mac") ? "darwin" : os.contains("win") ? "windows" : "linux";
    String arch = System.getProperty("os.arch");
    String machine =
        switch (arch) {
          case "amd64", "x86_64" -> "x86_64";
          case "aarch64", "arm64" -> "arm_64";
          default -> arch;
        };
    URL found =
        EmbeddedPostgres.class
            .getClassLoader()
            .getResource("postgres-" + system + "-" + machine + ".txz");
    return Optional.ofNullable(found).map(URL::toString);
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.walkFileTree(
        from,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            Path target = to.resolve(from.relativize(dir).toString());
            Files.createDirectories(target);
            // PostgreSQL refuses a data directory others may read (0700).
            Files.setPosixFilePermissions(target, Files.getPosixFilePermissions(dir));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            String name = file.getFileName().toString();
            if (!NOT_COPIED.contains(name) && !name.equals(READY)) {
              Files.copy(
                  file,
                  to.resolve(from.relativize(file).toString()),
                  StandardCopyOption.COPY_ATTRIBUTES);
            }
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }
}
