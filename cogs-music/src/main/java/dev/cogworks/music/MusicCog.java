package dev.cogworks.music;

import com.sedmelluq.discord.lavaplayer.player.AudioPlayerManager;
import com.sedmelluq.discord.lavaplayer.player.DefaultAudioPlayerManager;
import com.sedmelluq.discord.lavaplayer.source.AudioSourceManager;
import com.sedmelluq.discord.lavaplayer.source.local.LocalAudioSourceManager;
import com.sedmelluq.discord.lavaplayer.track.AudioTrack;
import dev.cogworks.api.CogHelper;
import dev.cogworks.api.command.CommandException;
import dev.cogworks.api.command.CommandInvocation;
import dev.cogworks.api.command.CommandSpec;
import dev.cogworks.api.data.ServerData;
import dev.cogworks.api.data.UserData;
import dev.cogworks.api.messaging.ProgressMessage;
import dev.cogworks.api.messaging.Results.SentMessage;
import dev.cogworks.api.settings.Setting;
import dev.cogworks.api.settings.SettingTypes;
import dev.cogworks.api.voice.Voice;
import dev.cogworks.api.voice.VoiceException;
import dev.cogworks.api.voice.VoiceListener;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.events.GenericEvent;
import net.dv8tion.jda.api.events.guild.GuildReadyEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.hooks.EventListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The music cog: LavaPlayer in the bot's process, one player and queue per server, played through
 * the platform's voice API. Wiring, the players, and what people are told when tracks start, fail
 * and run out; the commands live in their own classes.
 */
public final class MusicCog extends CogHelper
    implements GuildPlayer.Events, VoiceListener, UserData, ServerData {
  private static final Logger log = LoggerFactory.getLogger(MusicCog.class);

  static final Setting<Optional<Long>> DJ_ROLE =
      Setting.of(
          "dj_role", SettingTypes.role(), "the role that may skip, remove and stop anything");
  static final Setting<Long> DEFAULT_VOLUME =
      Setting.of(
          "default_volume", SettingTypes.integer(0, 150), "the volume a new player starts at");
  static final Setting<Optional<Long>> TEXT_CHANNEL =
      Setting.of(
          "text_channel", SettingTypes.channel(), "the only channel music commands answer in");
  static final Setting<Boolean> STICKY_QUEUE =
      Setting.of(
          "sticky_queue",
          SettingTypes.bool(),
          "keep the now-playing message at the bottom of the music's text channel");

  private final UrlGuard.Resolver resolver;
  private final Map<Long, GuildPlayer> players = new ConcurrentHashMap<>();
  private volatile MusicConfig config;
  private volatile Library library;
  private volatile HttpSource http;
  private volatile AudioPlayerManager manager;
  private volatile Loader loader;
  private volatile MusicStore store;
  private volatile ScheduledExecutorService timer;
  private volatile ExecutorService stateWriter;
  private volatile StickyQueue sticky;
  private volatile boolean closing;

  public MusicCog() {
    this(InetAddress::getAllByName);
  }

  /** With a resolver of the test's, which maps names to the addresses it wants. */
  MusicCog(UrlGuard.Resolver resolver) {
    this.resolver = resolver;
  }

  @Override
  public String name() {
    return "music";
  }

  @Override
  public String description() {
    return "Plays music in voice channels: a queue, playlists, history and DJ controls";
  }

  @Override
  protected void onLoad() {
    closing = false;
    config = MusicConfig.from(context().config());
    library = new Library(config.libraryDir());
    http = new HttpSource(new UrlGuard(config, resolver));
    DefaultAudioPlayerManager created = new DefaultAudioPlayerManager();
    List<AudioSourceManager> plugins = new ArrayList<>();
    for (MusicSources sources : ServiceLoader.load(MusicSources.class, context().plugins())) {
      plugins.addAll(sources.sourceManagers());
    }
    plugins.forEach(created::registerSourceManager);
    created.registerSourceManager(http.manager());
    manager = created;
    if (!plugins.isEmpty()) {
      log.info(
          "Music sources from plugins: {}",
          plugins.stream().map(AudioSourceManager::getSourceName).toList());
    }
    loader =
        new Loader(
            manager,
            new LocalAudioSourceManager(),
            http,
            library,
            new UrlGuard(config, resolver),
            config,
            !plugins.isEmpty());
    store = new MusicStore(context().jdbi());
    timer = Executors.newSingleThreadScheduledExecutor(daemon("music-idle"));
    stateWriter = Executors.newSingleThreadExecutor(daemon("music-state"));
    long sweep = Math.max(200, Math.min(5000, config.idleTimeout().toMillis() / 5));
    sticky = new StickyQueue(new StickyHost(), timer);
    timer.scheduleWithFixedDelay(this::sweepIdle, sweep, sweep, TimeUnit.MILLISECONDS);
    context().voice().addListener(this);
  }

  @Override
  public void unload() {
    closing = true;
    if (timer != null) {
      timer.shutdownNow();
    }
    // Saved where they are, so the next start resumes them.
    for (GuildPlayer player : players.values()) {
      try {
        store.save(snapshot(player));
      } catch (RuntimeException e) {
        log.warn("Could not save the music state of guild {}", player.guildId, e);
      }
      player.destroy();
    }
    players.clear();
    if (stateWriter != null) {
      stateWriter.shutdown();
    }
    if (manager != null) {
      manager.shutdown();
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public List<CommandSpec> commands() {
    List<CommandSpec> all = new ArrayList<>();
    all.add(new PlayCommand(this).spec());
    all.addAll(new ControlCommands(this).specs());
    all.addAll(new QueueCommands(this).specs());
    all.addAll(new HistoryCommands(this).specs());
    all.add(new PlaylistCommand(this).spec());
    return all;
  }

  @Override
  public List<Setting<?>> settings() {
    return List.of(DJ_ROLE, DEFAULT_VOLUME, TEXT_CHANNEL, STICKY_QUEUE);
  }

  @Override
  public List<Object> listeners() {
    return List.of((EventListener) this::onEvent);
  }

  @Override
  public Optional<UserData> userData() {
    return Optional.of(this);
  }

  @Override
  public Optional<ServerData> serverData() {
    return Optional.of(this);
  }

  // ---- for the commands ----

  MusicConfig config() {
    return config;
  }

  Library library() {
    return library;
  }

  Loader loader() {
    return loader;
  }

  MusicStore store() {
    return store;
  }

  HttpSource http() {
    return http;
  }

  Voice voice() {
    return context().voice();
  }

  Optional<GuildPlayer> player(long guildId) {
    return Optional.ofNullable(players.get(guildId));
  }

  GuildPlayer playerOrRefuse(long guildId) {
    return player(guildId)
        .orElseThrow(() -> new CommandException("Nothing is playing. Start with `play`."));
  }

  GuildPlayer playerFor(long guildId) {
    return players.computeIfAbsent(
        guildId,
        id -> {
          GuildPlayer player =
              new GuildPlayer(
                  id,
                  manager.createPlayer(),
                  new TrackQueue(config.queueMax(), config.perUserMax()),
                  this);
          player.volume(settings(id).get(DEFAULT_VOLUME).intValue());
          return player;
        });
  }

  /** Who runs the command, refusing it where music commands are not answered. */
  Caller caller(CommandInvocation invocation) {
    Caller caller =
        Caller.of(
            invocation,
            invocation.guild() == null
                ? Optional.empty()
                : settings(invocation.guild().getIdLong()).get(DJ_ROLE));
    settings(caller.guildId())
        .get(TEXT_CHANNEL)
        .filter(bound -> bound != caller.channelId())
        .ifPresent(
            bound -> {
              throw new CommandException("Music commands are answered in <#" + bound + ">.");
            });
    return caller;
  }

  /** The people in the bot's voice channel now. */
  List<Long> listeners(GuildPlayer player) {
    return voice().botChannel(player.guildId).stream()
        .boxed()
        .flatMap(channel -> voice().listeners(player.guildId, channel).stream())
        .toList();
  }

  /**
   * Joins {@code channelId} (if not there yet) with the server's player. Completes on the cog
   * executor; a refusal is a {@link CommandException} with the reason.
   */
  CompletableFuture<GuildPlayer> connect(Caller caller, long channelId) {
    GuildPlayer player = playerFor(caller.guildId());
    if (player.textChannelId() == 0 || settings(caller.guildId()).get(TEXT_CHANNEL).isEmpty()) {
      player.textChannelId(caller.channelId());
    }
    return voice()
        .join(caller.guildId(), channelId, player.frames())
        .handle(
            (ok, error) -> {
              if (error != null) {
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                throw new CommandException(
                    cause instanceof VoiceException v
                        ? v.getMessage()
                        : "I could not join: " + cause);
              }
              player.voiceChannelId(channelId);
              return player;
            });
  }

  /** Turns a loaded track into the song the cog keeps. */
  Song song(String source, AudioTrack track, long requester) {
    String title = track.getInfo().title;
    if (source.startsWith(Loader.LIBRARY)) {
      title = Library.title(source.substring(Loader.LIBRARY.length()));
    } else if (title == null || title.isBlank() || title.equals("Unknown title")) {
      String uri = track.getInfo().uri != null ? track.getInfo().uri : source;
      title = uri.substring(uri.lastIndexOf('/') + 1);
    }
    String kept = source;
    if (!source.startsWith(Loader.LIBRARY)
        && track.getInfo().uri != null
        && !source.equals(track.getInfo().uri)) {
      kept = track.getInfo().uri;
    }
    return new Song(kept, title, track.getInfo().isStream ? -1 : track.getDuration(), requester);
  }

  /** Why a loaded track may not be queued, if it may not. */
  Optional<String> tooLong(AudioTrack track) {
    if (!track.getInfo().isStream && track.getDuration() > config.maxTrackLength().toMillis()) {
      return Optional.of(
          "longer than " + Times.format(config.maxTrackLength().toMillis()) + ", this bot's limit");
    }
    return Optional.empty();
  }

  /** A progress message on a message this cog sent. */
  ProgressMessage progress(long channelId, long messageId) {
    return progressMessage(channelId, messageId);
  }

  CompletableFuture<SentMessage> say(long channelId, String content) {
    return sendMessage(channelId, content);
  }

  <T> CompletableFuture<T> io(java.util.function.Supplier<T> work) {
    return context().blocking(work);
  }

  /** Saves the server's player (queue, track, position) for a restart, in order. */
  void saveState(GuildPlayer player) {
    if (closing) {
      return;
    }
    MusicStore.State state = snapshot(player);
    stateWriter.execute(
        () -> {
          try {
            store.save(state);
          } catch (RuntimeException e) {
            log.warn("Could not save the music state of guild {}", player.guildId, e);
          }
        });
  }

  private MusicStore.State snapshot(GuildPlayer player) {
    List<Song> songs = new ArrayList<>();
    Optional<Entry> current = player.current();
    current.ifPresent(e -> songs.add(e.song()));
    player.waiting().forEach(e -> songs.add(e.song()));
    return new MusicStore.State(
        player.guildId,
        player.voiceChannelId() == 0 ? null : player.voiceChannelId(),
        player.textChannelId(),
        player.position(),
        player.volume(),
        player.repeat(),
        player.paused(),
        current.isPresent(),
        songs);
  }

  /** Leaves voice and drops the server's player and saved state. */
  void shutDown(long guildId) {
    GuildPlayer player = players.remove(guildId);
    if (player != null) {
      player.destroy();
    }
    sticky.forget(guildId);
    voice().leave(guildId);
    stateWriter.execute(() -> store.forget(guildId));
  }

  // ---- GuildPlayer.Events ----

  @Override
  public void started(GuildPlayer player, Entry entry) {
    Song song = entry.song();
    String text =
        "▶ Now playing **"
            + song.title()
            + "** (`"
            + Times.length(song.lengthMs())
            + "`), asked by <@"
            + song.requester()
            + ">";
    long channel = player.textChannelId();
    CompletableFuture<ProgressMessage> existing =
        player.nowPlaying(
            text, () -> say(channel, text).thenApply(sent -> progress(channel, sent.id())));
    if (existing != null) {
      existing.thenAccept(message -> message.update(text));
    }
    player.idleSince(0);
    saveState(player);
    stateWriter.execute(
        () -> {
          try {
            store.played(player.guildId, song);
          } catch (RuntimeException e) {
            log.warn("Could not record a play in guild {}", player.guildId, e);
          }
        });
  }

  @Override
  public void failed(GuildPlayer player, Entry entry, String why) {
    say(player.textChannelId(), "⚠ Could not play **" + entry.song().title() + "**: " + why);
  }

  @Override
  public void queueEnded(GuildPlayer player) {
    if (closing) {
      return;
    }
    say(player.textChannelId(), "⏹ The queue is empty.");
    saveState(player);
  }

  // ---- voice ----

  @Override
  public void disconnected(long guildId, VoiceException.Reason reason) {
    if (closing || reason == VoiceException.Reason.LEFT) {
      return;
    }
    GuildPlayer player = players.remove(guildId);
    if (player == null) {
      return;
    }
    player.destroy();
    sticky.forget(guildId);
    stateWriter.execute(() -> store.forget(guildId));
    String why =
        switch (reason) {
          case DAVE_REQUIRED ->
              "Discord refused my voice connection: it requires end-to-end encryption (DAVE),"
                  + " which this bot does not have. I stopped trying; stage channels still work.";
          case KICKED -> "I was disconnected from the voice channel, so I cleared the queue.";
          case CHANNEL_DELETED -> "The voice channel was deleted, so I cleared the queue.";
          case MISSING_PERMISSION -> "I lost my permission in the voice channel; queue cleared.";
          default -> "The voice connection was lost; queue cleared.";
        };
    say(player.textChannelId(), "⏏ " + why);
  }

  @Override
  public void moved(long guildId, long channelId) {
    player(guildId).ifPresent(p -> p.voiceChannelId(channelId));
  }

  /** Leaves where the bot has been alone, or played nothing, for {@code music.idle_timeout}. */
  private void sweepIdle() {
    long now = System.currentTimeMillis();
    for (GuildPlayer player : List.copyOf(players.values())) {
      try {
        boolean idle = !player.playing() || listeners(player).isEmpty();
        if (!idle) {
          player.idleSince(0);
        } else if (player.idleSince() == 0) {
          player.idleSince(now);
        } else if (now - player.idleSince() >= config.idleTimeout().toMillis()) {
          boolean alone = listeners(player).isEmpty();
          shutDown(player.guildId);
          say(
              player.textChannelId(),
              "👋 Left the voice channel after "
                  + Times.format(config.idleTimeout().toMillis())
                  + (alone ? " alone." : " with nothing to play."));
        }
      } catch (RuntimeException e) {
        log.warn("Idle check failed for guild {}", player.guildId, e);
      }
    }
  }

  // ---- restart ----

  private void onEvent(GenericEvent event) {
    if (event instanceof MessageReceivedEvent message && message.isFromGuild()) {
      sticky.posted(
          message.getGuild().getIdLong(),
          message.getChannel().getIdLong(),
          message.getMessageIdLong());
      return;
    }
    if (event instanceof GuildReadyEvent ready) {
      long guildId = ready.getGuild().getIdLong();
      io(() -> store.state(guildId))
          .thenAccept(state -> state.ifPresent(this::resume))
          .exceptionally(
              e -> {
                log.warn("Could not resume the music of guild {}", guildId, e);
                return null;
              });
    }
  }

  /** Reloads a saved player; rejoins and plays on if people are still in its channel. */
  private void resume(MusicStore.State state) {
    if (state.songs().isEmpty() || players.containsKey(state.guildId())) {
      return;
    }
    log.info(
        "Resuming the music of guild {}: {} track(s), at {} ms{}",
        state.guildId(),
        state.songs().size(),
        state.positionMs(),
        state.paused() ? ", paused" : "");
    io(() -> {
          List<Entry> entries = new ArrayList<>();
          for (Song song : state.songs()) {
            try {
              entries.add(new Entry(song, loader.load(song.source()).get(0)));
            } catch (LoadException e) {
              log.info(
                  "Not resuming {} in guild {}: {}",
                  song.source(),
                  state.guildId(),
                  e.getMessage());
              entries.add(null);
            }
          }
          return entries;
        })
        .thenAccept(
            entries -> {
              GuildPlayer player = playerFor(state.guildId());
              player.textChannelId(state.textChannelId());
              player.volume(state.volume());
              player.repeat(state.repeat());
              Entry playing = state.playing() ? entries.get(0) : null;
              List<Entry> waiting =
                  (state.playing() ? entries.subList(1, entries.size()) : entries)
                      .stream().filter(java.util.Objects::nonNull).toList();
              Long channel = state.voiceChannelId();
              boolean listeners =
                  channel != null && !voice().listeners(state.guildId(), channel).isEmpty();
              if (!listeners) {
                player.restore(playing, state.positionMs(), waiting, false);
                return;
              }
              voice()
                  .join(state.guildId(), channel, player.frames())
                  .thenRun(
                      () -> {
                        player.voiceChannelId(channel);
                        player.pause(state.paused());
                        player.restore(playing, state.positionMs(), waiting, true);
                        say(
                            state.textChannelId(),
                            "🔁 Back after a restart: "
                                + (playing == null
                                    ? "the queue"
                                    : "**" + playing.song().title() + "**")
                                + " resumed.");
                      })
                  .exceptionally(
                      e -> {
                        player.restore(playing, state.positionMs(), waiting, false);
                        return null;
                      });
            });
  }

  /** The sticky now-playing message's view of the cog. */
  private final class StickyHost implements StickyQueue.Host {
    @Override
    public GuildPlayer livePlayer(long guildId) {
      return players.get(guildId);
    }

    @Override
    public boolean stickyOn(long guildId) {
      return settings(guildId).get(STICKY_QUEUE);
    }

    @Override
    public CompletableFuture<ProgressMessage> send(long channelId, String content) {
      return say(channelId, content).thenApply(sent -> progress(channelId, sent.id()));
    }

    @Override
    public void delete(long channelId, long messageId) {
      deleteMessage(channelId, messageId)
          .exceptionally(
              e -> {
                log.debug("Could not delete an old now-playing message {}", messageId, e);
                return null;
              });
    }
  }

  // ---- people's and servers' data ----

  @Override
  public List<String> describe(long userId) {
    return store.describe(userId);
  }

  /**
   * Deletes {@code userId}'s history, playlists and saved queue entries, and takes their tracks out
   * of every live queue (the one playing is skipped), so the next save cannot write them back.
   */
  @Override
  public long delete(long userId) {
    long removed = 0;
    for (GuildPlayer player : List.copyOf(players.values())) {
      int gone = player.forget(userId);
      if (gone > 0) {
        removed += gone;
        saveState(player);
      }
    }
    // Saves and plays queued before the purge still hold their tracks: they run first, in order,
    // and the deletion after them removes what they wrote.
    try {
      CompletableFuture.runAsync(() -> {}, stateWriter).get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while deleting a user's music data", e);
    } catch (java.util.concurrent.ExecutionException
        | java.util.concurrent.TimeoutException
        | java.util.concurrent.RejectedExecutionException e) {
      throw new IllegalStateException("the music state writer did not drain", e);
    }
    return removed + store.deleteUser(userId);
  }

  @Override
  public void deleteServer(long guildId) {
    store.deleteServer(guildId);
  }
}
