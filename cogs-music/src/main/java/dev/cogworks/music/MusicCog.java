package dev.cogworks.music;

import com.sedmelluq.discord.lavaplayer.player.AudioPlayerManager;
import com.sedmelluq.discord.lavaplayer.player.DefaultAudioPlayerManager;
import com.sedmelluq.discord.lavaplayer.source.AudioSourceManager;
import com.sedmelluq.discord.lavaplayer.source.local.LocalAudioSourceManager;
import dev.cogworks.api.CogHelper;
import dev.cogworks.api.command.CommandException;
import dev.cogworks.api.command.CommandInvocation;
import dev.cogworks.api.command.CommandSpec;
import dev.cogworks.api.data.ServerData;
import dev.cogworks.api.data.UserData;
import dev.cogworks.api.messaging.ProgressMessage;
import dev.cogworks.api.messaging.Results.SentMessage;
import dev.cogworks.api.settings.Setting;
import dev.cogworks.api.voice.Voice;
import dev.cogworks.api.voice.VoiceException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import net.dv8tion.jda.api.events.GenericEvent;
import net.dv8tion.jda.api.events.guild.GuildReadyEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.hooks.EventListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The music cog: LavaPlayer in the bot's process, one player and queue per server, played through
 * the platform's voice API. Its wiring and lifecycle, and what the commands share (the players,
 * joining voice, messages); the commands, the announcements, voice events, the idle sweep, the
 * saved state and people's data live in their own classes.
 */
public final class MusicCog extends CogHelper {
  private static final Logger log = LoggerFactory.getLogger(MusicCog.class);

  private final UrlGuard.Resolver resolver;
  private volatile MusicConfig config;
  private volatile Library library;
  private volatile HttpSource http;
  private volatile AudioPlayerManager manager;
  private volatile Loader loader;
  private volatile MusicStore store;
  private volatile ScheduledExecutorService timer;
  private volatile StateWriter state;
  private volatile Players players;
  private volatile StickyQueue sticky;
  private volatile Resumer resumer;
  private final MusicData data = new MusicData(this);

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
    state = new StateWriter(store);
    players =
        new Players(
            manager,
            config,
            new Announcer(this, state),
            guildId -> setting(guildId, MusicSettings.DEFAULT_VOLUME).intValue());
    timer = Executors.newSingleThreadScheduledExecutor(daemon("music-idle"));
    sticky = new StickyQueue(new StickyHost(this, players), timer);
    resumer = new Resumer(this, players);
    long sweep = Math.max(200, Math.min(5000, config.idleTimeout().toMillis() / 5));
    timer.scheduleWithFixedDelay(
        new IdleSweep(this, players, config.idleTimeout().toMillis()),
        sweep,
        sweep,
        TimeUnit.MILLISECONDS);
    context().voice().addListener(new VoiceWatch(this, players, sticky, state));
  }

  @Override
  public void unload() {
    if (state != null) {
      state.startUnloading();
    }
    if (timer != null) {
      timer.shutdownNow();
    }
    if (players != null) {
      // Saved where they are, so the next start resumes them.
      for (GuildPlayer player : players.all()) {
        state.saveNow(player);
        player.destroy();
      }
      players.clear();
    }
    if (state != null) {
      state.shutdown();
    }
    if (manager != null) {
      manager.shutdown();
    }
  }

  static ThreadFactory daemon(String name) {
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
    return MusicSettings.all();
  }

  @Override
  public List<Object> listeners() {
    return List.of((EventListener) this::onEvent);
  }

  @Override
  public Optional<UserData> userData() {
    return Optional.of(data);
  }

  @Override
  public Optional<ServerData> serverData() {
    return Optional.of(data);
  }

  private void onEvent(GenericEvent event) {
    if (event instanceof MessageReceivedEvent message && message.isFromGuild()) {
      sticky.posted(
          message.getGuild().getIdLong(),
          message.getChannel().getIdLong(),
          message.getMessageIdLong());
    } else if (event instanceof GuildReadyEvent ready) {
      resumer.guildReady(ready.getGuild().getIdLong());
    }
  }

  // ---- for the commands and the cog's parts ----

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

  Players players() {
    return players;
  }

  StateWriter stateWriter() {
    return state;
  }

  Voice voice() {
    return context().voice();
  }

  <T> T setting(long guildId, Setting<T> setting) {
    return settings(guildId).get(setting);
  }

  Optional<GuildPlayer> player(long guildId) {
    return players.get(guildId);
  }

  GuildPlayer playerOrRefuse(long guildId) {
    return player(guildId)
        .orElseThrow(() -> new CommandException("Nothing is playing. Start with `play`."));
  }

  GuildPlayer playerFor(long guildId) {
    return players.getOrCreate(guildId);
  }

  /** Who runs the command, refusing it where music commands are not answered. */
  Caller caller(CommandInvocation invocation) {
    Caller caller =
        Caller.of(
            invocation,
            invocation.guild() == null
                ? Optional.empty()
                : setting(invocation.guild().getIdLong(), MusicSettings.DJ_ROLE));
    setting(caller.guildId(), MusicSettings.TEXT_CHANNEL)
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
    if (player.textChannelId() == 0
        || setting(caller.guildId(), MusicSettings.TEXT_CHANNEL).isEmpty()) {
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

  /** A progress message on a message this cog sent. */
  ProgressMessage progress(long channelId, long messageId) {
    return progressMessage(channelId, messageId);
  }

  CompletableFuture<SentMessage> say(long channelId, String content) {
    return sendMessage(channelId, content);
  }

  CompletableFuture<Void> delete(long channelId, long messageId) {
    return deleteMessage(channelId, messageId);
  }

  <T> CompletableFuture<T> io(Supplier<T> work) {
    return context().blocking(work);
  }

  /** Saves the server's player (queue, track, position) for a restart, in order. */
  void saveState(GuildPlayer player) {
    state.save(player);
  }

  /** Leaves voice and drops the server's player and saved state. */
  void shutDown(long guildId) {
    players.remove(guildId).ifPresent(GuildPlayer::destroy);
    sticky.forget(guildId);
    voice().leave(guildId);
    state.forget(guildId);
  }
}
