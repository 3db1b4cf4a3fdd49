package dev.cogworks.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import redis.embedded.RedisServer;

/**
 * Real engines for external-gateway tests, started by the tests themselves: an embedded PostgreSQL
 * (zonky) and a redis-server (embedded-redis, bundled binary). The shared ones live as long as the
 * JVM; {@link #newPostgres} and {@link #newRedis} give a test its own, to stop and start again.
 */
public final class TestEngines {
  private static EmbeddedPostgres sharedPostgres;
  private static RedisServer sharedRedis;
  private static int sharedRedisPort;

  private TestEngines() {}

  /** A JDBC URL of a PostgreSQL shared by the JVM's tests (user postgres, no password). */
  public static synchronized String postgresUrl() {
    if (sharedPostgres == null) {
      sharedPostgres = newPostgres(freePort(), tempDir("cogworks-gw-pg"));
      EmbeddedPostgres started = sharedPostgres;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> close(started)));
    }
    return jdbcUrl(sharedPostgres.getPort());
  }

  /** A redis:// URI of a redis-server shared by the JVM's tests. */
  public static synchronized String redisUri() {
    if (sharedRedis == null) {
      sharedRedisPort = freePort();
      sharedRedis = newRedis(sharedRedisPort);
      RedisServer started = sharedRedis;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(started)));
    }
    return "redis://127.0.0.1:" + sharedRedisPort;
  }

  public static String jdbcUrl(int port) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  /** A PostgreSQL of its own on {@code port}, keeping its data in {@code dataDir} across starts. */
  public static EmbeddedPostgres newPostgres(int port, Path dataDir) {
    PostgresTemplate.seed(dataDir);
    try {
      return EmbeddedPostgres.builder()
          .setPort(port)
          .setDataDirectory(dataDir)
          .setCleanDataDirectory(false)
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A redis-server of its own on {@code port} (no persistence), started. */
  public static RedisServer newRedis(int port) {
    return newRedis(port, null);
  }

  /**
   * A redis-server on {@code port}; with a {@code dataDir}, an append-only file synced on every
   * write, so what it acknowledged survives a restart (as production should run it).
   */
  public static RedisServer newRedis(int port, Path dataDir) {
    try {
      var builder = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"");
      if (dataDir == null) {
        builder.setting("appendonly no");
      } else {
        builder
            .setting("appendonly yes")
            .setting("appendfsync always")
            .setting("dir " + dataDir.toAbsolutePath());
      }
      RedisServer server = builder.build();
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void stop(RedisServer server) {
    try {
      server.stop();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void close(EmbeddedPostgres postgres) {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Path tempDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
