package dev.cogworks.music;

import com.sedmelluq.discord.lavaplayer.player.AudioPlayerManager;
import com.sedmelluq.discord.lavaplayer.source.AudioSourceManager;
import com.sedmelluq.discord.lavaplayer.source.local.LocalAudioSourceManager;
import com.sedmelluq.discord.lavaplayer.track.AudioItem;
import com.sedmelluq.discord.lavaplayer.track.AudioReference;
import com.sedmelluq.discord.lavaplayer.track.AudioTrack;
import com.sedmelluq.discord.lavaplayer.track.AudioTrackInfo;
import java.io.DataInput;
import java.io.DataOutput;
import java.nio.file.Path;
import java.util.List;

/**
 * A tiny source plug-in, as a jar in plugins/ would bring one: {@code tone:<hz>} plays a tone it
 * writes on demand. Listed in a services file the test puts on the plugin class loader.
 */
public final class ToneSources implements MusicSources {
  static volatile Path folder;

  @Override
  public List<AudioSourceManager> sourceManagers() {
    return List.of(new ToneSource());
  }

  /** Handles {@code tone:<hz>}; everything else is someone else's. */
  static final class ToneSource implements AudioSourceManager {
    private final LocalAudioSourceManager local = new LocalAudioSourceManager();

    @Override
    public String getSourceName() {
      return "tone";
    }

    @Override
    public AudioItem loadItem(AudioPlayerManager manager, AudioReference reference) {
      if (!reference.identifier.startsWith("tone:")) {
        return null;
      }
      int hz = Integer.parseInt(reference.identifier.substring(5));
      Path clip = Clips.tone(folder.resolve("tone-" + hz + ".wav"), hz, 8_000, 0.5);
      return local.loadItem(manager, new AudioReference(clip.toString(), "Tone " + hz + " Hz"));
    }

    @Override
    public boolean isTrackEncodable(AudioTrack track) {
      return false;
    }

    @Override
    public void encodeTrack(AudioTrack track, DataOutput output) {}

    @Override
    public AudioTrack decodeTrack(AudioTrackInfo trackInfo, DataInput input) {
      return null;
    }

    @Override
    public void shutdown() {}
  }
}
