package dev.cogworks.music;

import com.sedmelluq.discord.lavaplayer.player.DefaultAudioPlayerManager;
import com.sedmelluq.discord.lavaplayer.source.local.LocalAudioSourceManager;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The cog's LavaPlayer side without Discord: a player manager with the guarded HTTP source, a
 * library in a folder of the test's, and the loader over them.
 */
final class Rig implements AutoCloseable {
  final MusicConfig config;
  final Library library;
  final HttpSource http;
  final DefaultAudioPlayerManager manager = new DefaultAudioPlayerManager();
  final Loader loader;

  Rig(Path libraryDir, UrlGuard.Resolver resolver, List<String> allowPrivate) {
    this(config(libraryDir, 128, 0.5, allowPrivate, List.of()), resolver);
  }

  Rig(MusicConfig config, UrlGuard.Resolver resolver) {
    this.config = config;
    // A short buffer, so a seek lands in a 1 s clip that is not decoded to its end yet (LavaPlayer
    // cannot seek a track whose frames are all buffered).
    manager.setFrameBufferDuration(300);

    library = new Library(config.libraryDir());
    UrlGuard guard = new UrlGuard(config, resolver);
    http = new HttpSource(guard);
    manager.registerSourceManager(http.manager());
    loader =
        new Loader(manager, new LocalAudioSourceManager(), http, library, guard, config, false);
  }

  static MusicConfig config(
      Path libraryDir, int queueMax, double share, List<String> allowPrivate, List<String> deny) {
    return new MusicConfig(
        libraryDir,
        queueMax,
        share,
        Duration.ofHours(3),
        Duration.ofMinutes(5),
        0.5,
        List.of(),
        deny,
        allowPrivate,
        262_144);
  }

  @Override
  public void close() {
    manager.shutdown();
  }
}
