package dev.cogworks.sim.control;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * A folder's files, read-only, under a path of the simulator's web server: no Discord route, but
 * the sandbox's music library, so a bot can be asked to play a URL with no other server running.
 * Range requests are answered with Javalin's seekable writer: an open-ended one ({@code bytes=N-},
 * what LavaPlayer sends to seek) gets the rest of the file; a closed one on a small file may get
 * more than it asked, with a Content-Range saying so. Only regular files inside the folder are
 * served: {@code ..}, absolute paths and symlinks whose real target is outside are a 404.
 */
public final class FolderRoute {
  private final String prefix;
  private final Path root;

  /** {@code prefix} starts and ends with a slash ({@code /media/}). */
  public FolderRoute(String prefix, Path folder) {
    if (!prefix.startsWith("/") || !prefix.endsWith("/") || prefix.length() < 3) {
      throw new IllegalArgumentException("a path such as /media/, not " + prefix);
    }
    this.prefix = prefix;
    try {
      this.root = folder.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serve " + folder, e);
    }
  }

  public void register(Javalin app) {
    app.get(prefix + "<file>", this::serve);
  }

  private void serve(Context ctx) throws IOException {
    Optional<Path> file = inside(ctx.pathParam("file"));
    if (file.isEmpty()) {
      ctx.status(404).result("Not found");
      return;
    }
    Path path = file.get();
    ctx.writeSeekableStream(Files.newInputStream(path), contentType(path), Files.size(path));
  }

  /** The real file {@code relative} names, if it is a regular file inside the folder. */
  Optional<Path> inside(String relative) {
    try {
      Path candidate = root.resolve(relative).normalize();
      if (!candidate.startsWith(root) || !Files.isRegularFile(candidate)) {
        return Optional.empty();
      }
      // The check is on the real path: a symlink in the folder may lead out of it.
      Path real = candidate.toRealPath();
      return real.startsWith(root) ? Optional.of(real) : Optional.empty();
    } catch (IOException | InvalidPathException e) {
      return Optional.empty();
    }
  }

  private static String contentType(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".wav")) {
      return "audio/wav";
    }
    if (name.endsWith(".mp3")) {
      return "audio/mpeg";
    }
    if (name.endsWith(".ogg") || name.endsWith(".opus")) {
      return "audio/ogg";
    }
    if (name.endsWith(".flac")) {
      return "audio/flac";
    }
    if (name.endsWith(".m3u")) {
      return "audio/x-mpegurl";
    }
    if (name.endsWith(".pls")) {
      return "audio/x-scpls";
    }
    return "application/octet-stream";
  }
}
