package dev.cogworks.music;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a restart, each server's saved player comes back as its guild becomes ready: the queue, the
 * playing track at its position, volume and repeat; the bot rejoins and plays on if people are
 * still in its channel, else keeps the queue for the next {@code play}.
 */
final class Resumer {
  private static final Logger log = LoggerFactory.getLogger(Resumer.class);

  private final MusicCog cog;
  private final Players players;

  Resumer(MusicCog cog, Players players) {
    this.cog = cog;
    this.players = players;
  }

  void guildReady(long guildId) {
    cog.io(() -> cog.store().state(guildId))
        .thenAccept(state -> state.ifPresent(this::resume))
        .exceptionally(
            e -> {
              log.warn("Could not resume the music of guild {}", guildId, e);
              return null;
            });
  }

  private void resume(MusicStore.State state) {
    if (state.songs().isEmpty() || players.get(state.guildId()).isPresent()) {
      return;
    }
    log.info(
        "Resuming the music of guild {}: {} track(s), at {} ms{}",
        state.guildId(),
        state.songs().size(),
        state.positionMs(),
        state.paused() ? ", paused" : "");
    cog.io(() -> load(state)).thenAccept(entries -> restore(state, entries));
  }

  /** The saved songs loaded again; null for one that no longer loads. */
  private List<Entry> load(MusicStore.State state) {
    List<Entry> entries = new ArrayList<>();
    for (Song song : state.songs()) {
      try {
        entries.add(new Entry(song, cog.loader().load(song.source()).get(0)));
      } catch (LoadException e) {
        log.info("Not resuming {} in guild {}: {}", song.source(), state.guildId(), e.getMessage());
        entries.add(null);
      }
    }
    return entries;
  }

  private void restore(MusicStore.State state, List<Entry> entries) {
    GuildPlayer player = players.getOrCreate(state.guildId());
    player.textChannelId(state.textChannelId());
    player.volume(state.volume());
    player.repeat(state.repeat());
    Entry playing = state.playing() ? entries.get(0) : null;
    List<Entry> waiting =
        (state.playing() ? entries.subList(1, entries.size()) : entries)
            .stream().filter(Objects::nonNull).toList();
    Long channel = state.voiceChannelId();
    boolean listeners =
        channel != null && !cog.voice().listeners(state.guildId(), channel).isEmpty();
    if (!listeners) {
      player.restore(playing, state.positionMs(), waiting, false);
      return;
    }
    cog.voice()
        .join(state.guildId(), channel, player.frames())
        .thenRun(
            () -> {
              player.voiceChannelId(channel);
              player.pause(state.paused());
              player.restore(playing, state.positionMs(), waiting, true);
              cog.say(
                  state.textChannelId(),
                  "🔁 Back after a restart: "
                      + (playing == null ? "the queue" : "**" + playing.song().title() + "**")
                      + " resumed.");
            })
        .exceptionally(
            e -> {
              player.restore(playing, state.positionMs(), waiting, false);
              return null;
            });
  }
}
