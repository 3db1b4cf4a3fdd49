package dev.cogworks.music;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The local library: audio files under {@code music.library_dir}, found by name. Nothing outside
 * the folder is ever handed out: a path with {@code ..}, an absolute path, or a symlink whose real
 * target lies outside is refused.
 */
final class Library {
  static final Set<String> AUDIO =
      Set.of("mp3", "wav", "flac", "ogg", "opus", "m4a", "mp4", "aac", "webm", "mka", "mkv");
  static final Set<String> PLAYLISTS = Set.of("m3u", "m3u8", "pls");

  private final Path root;

  Library(Path dir) {
    this.root = dir.toAbsolutePath().normalize();
  }

  Path root() {
    return root;
  }

  /** Every playable file and playlist, as paths relative to the library, sorted. */
  List<String> names() {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(root, 8)) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> playable(p) || playlist(p))
          .filter(p -> inside(p).isPresent())
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .sorted(Comparator.comparing(n -> n.toLowerCase(Locale.ROOT)))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The library files a query names: an exact relative path first, then names containing every word
   * of the query (case-insensitive), shortest first.
   */
  List<String> search(String query) {
    String q = query.trim().toLowerCase(Locale.ROOT);
    if (q.isEmpty()) {
      return List.of();
    }
    List<String> all = names();
    Optional<String> exact =
        all.stream().filter(n -> n.toLowerCase(Locale.ROOT).equals(q)).findFirst();
    if (exact.isPresent()) {
      return List.of(exact.get());
    }
    String[] words = q.split("\\s+");
    return all.stream()
        .filter(
            n -> {
              String name = n.toLowerCase(Locale.ROOT);
              return Stream.of(words).allMatch(name::contains);
            })
        .sorted(Comparator.comparingInt(String::length))
        .toList();
  }

  /**
   * The real file a relative name stands for, if it is inside the library: the check is on the real
   * path, so a symlink out of the folder is refused like {@code ../secret}.
   */
  Optional<Path> resolve(String relative) {
    if (relative.isBlank() || relative.contains("\0")) {
      return Optional.empty();
    }
    Path candidate;
    try {
      Path given = Path.of(relative);
      if (given.isAbsolute()) {
        return Optional.empty();
      }
      candidate = root.resolve(given).normalize();
    } catch (java.nio.file.InvalidPathException e) {
      return Optional.empty();
    }
    if (!candidate.startsWith(root)) {
      return Optional.empty();
    }
    return inside(candidate);
  }

  private Optional<Path> inside(Path file) {
    try {
      Path real = file.toRealPath();
      Path realRoot = root.toRealPath();
      return real.startsWith(realRoot) && Files.isRegularFile(real)
          ? Optional.of(real)
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  static boolean playlist(Path file) {
    return PLAYLISTS.contains(extension(file.getFileName().toString()));
  }

  static boolean playable(Path file) {
    return AUDIO.contains(extension(file.getFileName().toString()));
  }

  static String extension(String name) {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  /** A file's name without folder and extension: how a library track is titled. */
  static String title(String relative) {
    String name = relative.substring(relative.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
