package dev.cogworks.music;

import com.sedmelluq.discord.lavaplayer.player.AudioPlayerManager;
import com.sedmelluq.discord.lavaplayer.source.local.LocalAudioSourceManager;
import com.sedmelluq.discord.lavaplayer.tools.FriendlyException;
import com.sedmelluq.discord.lavaplayer.tools.io.HttpInterface;
import com.sedmelluq.discord.lavaplayer.track.AudioItem;
import com.sedmelluq.discord.lavaplayer.track.AudioPlaylist;
import com.sedmelluq.discord.lavaplayer.track.AudioReference;
import com.sedmelluq.discord.lavaplayer.track.AudioTrack;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;

/**
 * Turns what people type into tracks: a URL (checked by the {@link UrlGuard}), a playlist file
 * (M3U/PLS, from the library or a URL: its entries, each loaded on its own so that progress can be
 * shown), a name in the {@link Library}, or, with source plug-ins, anything they understand. All
 * methods block (files, HTTP): call them on the cog's I/O pool.
 */
final class Loader {
  static final String LIBRARY = "library:";

  /** What a query stands for: one source, or a playlist's entries. */
  record Plan(String label, List<String> sources, boolean playlist) {}

  private final AudioPlayerManager manager;
  private final LocalAudioSourceManager local;
  private final HttpSource http;
  private final Library library;
  private final UrlGuard guard;
  private final MusicConfig config;
  private final boolean plugins;

  Loader(
      AudioPlayerManager manager,
      LocalAudioSourceManager local,
      HttpSource http,
      Library library,
      UrlGuard guard,
      MusicConfig config,
      boolean plugins) {
    this.manager = manager;
    this.local = local;
    this.http = http;
    this.library = library;
    this.guard = guard;
    this.config = config;
    this.plugins = plugins;
  }

  Plan plan(String query) throws LoadException {
    String q = query.trim();
    if (q.isEmpty()) {
      throw new LoadException("Tell me what to play: a name from the library or a URL.");
    }
    if (isUrl(q)) {
      refuseIfGuarded(q);
      if (Library.PLAYLISTS.contains(Library.extension(URI.create(q).getPath()))) {
        return new Plan(q, urlPlaylist(q), true);
      }
      return new Plan(q, List.of(q), false);
    }
    if (q.startsWith(LIBRARY)) {
      return libraryPlan(q.substring(LIBRARY.length()));
    }
    List<String> found = library.search(q);
    if (!found.isEmpty()) {
      return libraryPlan(found.get(0));
    }
    if (plugins) {
      return new Plan(q, List.of(q), false);
    }
    throw new LoadException("Nothing in the library matches **" + q + "**.");
  }

  private Plan libraryPlan(String relative) throws LoadException {
    Path file =
        library
            .resolve(relative)
            .orElseThrow(() -> new LoadException("**" + relative + "** is not in the library."));
    if (!Library.playlist(file)) {
      return new Plan(Library.title(relative), List.of(LIBRARY + relative), false);
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new LoadException("The playlist **" + relative + "** cannot be read.");
    }
    String folder =
        relative.contains("/") ? relative.substring(0, relative.lastIndexOf('/') + 1) : "";
    List<String> sources = new ArrayList<>();
    for (String entry : PlaylistFiles.entries(text)) {
      // Entries are URLs or paths relative to the playlist; loading checks each against the
      // library's bounds.
      sources.add(isUrl(entry) ? entry : LIBRARY + folder + entry);
    }
    return new Plan(Library.title(relative), sources, true);
  }

  private List<String> urlPlaylist(String url) throws LoadException {
    try (HttpInterface client = http.manager().getHttpInterface();
        CloseableHttpResponse response = client.execute(new HttpGet(url))) {
      int status = response.getStatusLine().getStatusCode();
      if (status != 200) {
        throw new LoadException("The playlist answered HTTP " + status + ".");
      }
      byte[] bytes;
      try (InputStream in = response.getEntity().getContent()) {
        bytes = in.readNBytes(config.maxPlaylistBytes() + 1);
      }
      if (bytes.length > config.maxPlaylistBytes()) {
        throw new LoadException(
            "The playlist is larger than " + config.maxPlaylistBytes() + " bytes.");
      }
      URI base = URI.create(url);
      List<String> sources = new ArrayList<>();
      for (String entry : PlaylistFiles.entries(new String(bytes, StandardCharsets.UTF_8))) {
        sources.add(base.resolve(entry.replace(" ", "%20")).toString());
      }
      return sources;
    } catch (IOException e) {
      throw new LoadException("The playlist cannot be fetched: " + reason(e) + ".");
    }
  }

  /** Loads one source: the tracks it gives (a LavaPlayer playlist may give several). */
  List<AudioTrack> load(String source) throws LoadException {
    try {
      if (source.startsWith(LIBRARY)) {
        String relative = source.substring(LIBRARY.length());
        Path file =
            library.resolve(relative).orElseThrow(() -> new LoadException("not in the library"));
        AudioItem item =
            local.loadItem(manager, new AudioReference(file.toString(), Library.title(relative)));
        return tracks(item);
      }
      if (isUrl(source)) {
        refuseIfGuarded(source);
      }
      AudioItem item = manager.loadItemSync(source);
      if (item == null && isUrl(source)) {
        // LavaPlayer answers a 404 (or a page that is no audio) with no item at all.
        throw new LoadException("nothing playable at that URL (missing, or not audio)");
      }
      return tracks(item);
    } catch (FriendlyException e) {
      throw new LoadException(reason(e));
    }
  }

  private List<AudioTrack> tracks(AudioItem item) throws LoadException {
    if (item instanceof AudioTrack track) {
      return List.of(track);
    }
    if (item instanceof AudioPlaylist playlist && !playlist.getTracks().isEmpty()) {
      return playlist.getTracks();
    }
    throw new LoadException("nothing playable there");
  }

  private void refuseIfGuarded(String url) throws LoadException {
    Optional<String> refused = guard.refusal(url);
    if (refused.isPresent()) {
      throw new LoadException("Refused: " + refused.get() + ".");
    }
  }

  /** The most telling message in a failure's causes: the guard's refusal, else the outermost. */
  static String reason(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof UrlGuard.Refused refused) {
        return "refused: " + refused.getMessage();
      }
    }
    String message = error.getMessage();
    if (error.getCause() != null && error.getCause().getMessage() != null) {
      message = message + " (" + error.getCause().getMessage() + ")";
    }
    return message == null ? error.getClass().getSimpleName() : message;
  }

  static boolean isUrl(String text) {
    String t = text.toLowerCase(Locale.ROOT);
    return t.startsWith("http://") || t.startsWith("https://");
  }
}
