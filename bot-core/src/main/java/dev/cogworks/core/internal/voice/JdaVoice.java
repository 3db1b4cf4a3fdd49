package dev.cogworks.core.internal.voice;

import dev.cogworks.api.voice.AudioFrames;
import dev.cogworks.api.voice.Voice;
import dev.cogworks.api.voice.VoiceException;
import dev.cogworks.api.voice.VoiceException.Reason;
import dev.cogworks.api.voice.VoiceListener;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.GuildVoiceState;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.entities.channel.concrete.VoiceChannel;
import net.dv8tion.jda.api.entities.channel.middleman.AudioChannel;
import net.dv8tion.jda.api.events.GenericEvent;
import net.dv8tion.jda.api.events.guild.voice.GuildVoiceUpdateEvent;
import net.dv8tion.jda.api.hooks.EventListener;
import net.dv8tion.jda.api.managers.AudioManager;
import net.dv8tion.jda.api.sharding.ShardManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Voice} on JDA's audio managers: the only place that touches them. Permissions are checked
 * before JDA is asked (so the refusal is a sentence, not an exception in JDA's thread), each
 * connection's statuses go through a {@link RejoinLoopGuard}, and futures complete on the cog
 * executor.
 */
public final class JdaVoice implements Voice, EventListener {
  private static final Logger log = LoggerFactory.getLogger(JdaVoice.class);

  private final Executor executor;
  private final Clock clock;
  private final List<VoiceListener> listeners = new CopyOnWriteArrayList<>();
  private final Map<Long, Connection> connections = new ConcurrentHashMap<>();
  private volatile ShardManager shards;

  public JdaVoice(Executor executor) {
    this(executor, Clock.systemUTC());
  }

  JdaVoice(Executor executor, Clock clock) {
    this.executor = executor;
    this.clock = clock;
  }

  /** The shards, once connected; until then every join fails. */
  public void connect(ShardManager shards) {
    this.shards = shards;
  }

  @Override
  public OptionalLong channelOf(long guildId, long userId) {
    Guild guild = guild(guildId);
    Member member = guild == null ? null : guild.getMemberById(userId);
    return channel(member == null ? null : member.getVoiceState());
  }

  @Override
  public OptionalLong botChannel(long guildId) {
    Guild guild = guild(guildId);
    if (guild == null) {
      return OptionalLong.empty();
    }
    AudioChannel connected = guild.getAudioManager().getConnectedChannel();
    return connected != null
        ? OptionalLong.of(connected.getIdLong())
        : channel(guild.getSelfMember().getVoiceState());
  }

  private static OptionalLong channel(GuildVoiceState state) {
    return state == null || state.getChannel() == null
        ? OptionalLong.empty()
        : OptionalLong.of(state.getChannel().getIdLong());
  }

  @Override
  public List<Long> listeners(long guildId, long channelId) {
    AudioChannel channel = audioChannel(guildId, channelId);
    return channel == null
        ? List.of()
        : channel.getMembers().stream()
            .filter(m -> !m.getUser().isBot())
            .map(Member::getIdLong)
            .toList();
  }

  @Override
  public boolean isStage(long guildId, long channelId) {
    AudioChannel channel = audioChannel(guildId, channelId);
    return channel != null && channel.getType() == ChannelType.STAGE;
  }

  @Override
  public CompletableFuture<Void> join(long guildId, long channelId, AudioFrames audio) {
    AudioChannel channel = audioChannel(guildId, channelId);
    if (channel == null) {
      return failed(Reason.UNKNOWN_CHANNEL, "I cannot find that voice channel.");
    }
    Member self = channel.getGuild().getSelfMember();
    for (Permission needed : List.of(Permission.VOICE_CONNECT, Permission.VOICE_SPEAK)) {
      if (!self.hasPermission(channel, needed)) {
        return failed(
            Reason.MISSING_PERMISSION,
            "I need the **"
                + needed.getName()
                + "** permission in "
                + channel.getAsMention()
                + ".");
      }
    }
    if (channel instanceof VoiceChannel voice
        && voice.getUserLimit() > 0
        && voice.getMembers().size() >= voice.getUserLimit()
        && !voice.getMembers().contains(self)
        && !self.hasPermission(channel, Permission.VOICE_MOVE_OTHERS)) {
      return failed(Reason.CHANNEL_FULL, channel.getAsMention() + " is full.");
    }
    AudioManager manager = channel.getGuild().getAudioManager();
    Connection connection = new Connection(guildId, channelId, manager);
    Connection previous = connections.put(guildId, connection);
    if (previous != null) {
      previous.replaced = true;
    }
    manager.setSendingHandler(new FramesSendHandler(audio));
    manager.setConnectionListener(connection);
    AudioChannel current = manager.getConnectedChannel();
    if (manager.isConnected() && current != null && current.getIdLong() == channelId) {
      connection.ready.complete(null);
    } else {
      manager.openAudioConnection(channel);
    }
    watch(connection, channel.getAsMention());
    return connection.ready.handleAsync(
        (ok, error) -> {
          if (error == null) {
            return null;
          }
          Throwable cause =
              error instanceof java.util.concurrent.CompletionException ? error.getCause() : error;
          if (cause instanceof VoiceException voice) {
            throw voice;
          }
          connection.close();
          throw new VoiceException(
              Reason.CONNECTION_FAILED,
              "The voice connection to " + channel.getAsMention() + " did not come up.");
        },
        executor);
  }

  /**
   * Fails the join once its {@link JoinDeadline} passes, checking again when Discord's answer moves
   * the deadline (a request queued behind the gateway's limit is not a failure yet).
   */
  private void watch(Connection connection, String channel) {
    Duration wait = connection.deadline.remaining();
    if (connection.ready.isDone()) {
      return;
    }
    if (!wait.isNegative() && !wait.isZero()) {
      CompletableFuture.delayedExecutor(wait.toMillis() + 1, TimeUnit.MILLISECONDS, executor)
          .execute(() -> watch(connection, channel));
      return;
    }
    connection.close();
    connection.ready.completeExceptionally(
        new VoiceException(
            Reason.CONNECTION_FAILED,
            connection.deadline.endpointSeen()
                ? "The voice connection to " + channel + " did not come up."
                : "Discord did not answer my request to join " + channel + " in time."));
  }

  @Override
  public void leave(long guildId) {
    Connection connection = connections.remove(guildId);
    Guild guild = guild(guildId);
    if (connection != null) {
      connection.replaced = true;
    }
    if (guild != null) {
      AudioManager manager = guild.getAudioManager();
      if (manager.getSendingHandler() instanceof FramesSendHandler frames) {
        frames.stop();
      }
      manager.closeAudioConnection();
    }
    if (connection != null) {
      notify(l -> l.disconnected(guildId, Reason.LEFT));
    }
  }

  @Override
  public void addListener(VoiceListener listener) {
    listeners.add(listener);
  }

  @Override
  public void onEvent(GenericEvent event) {
    if (!(event instanceof GuildVoiceUpdateEvent update)) {
      return;
    }
    long guildId = update.getGuild().getIdLong();
    Member member = update.getEntity();
    if (!member.equals(update.getGuild().getSelfMember())) {
      notify(l -> l.membersChanged(guildId, member.getIdLong()));
      return;
    }
    AudioChannel joined = update.getChannelJoined();
    if (joined != null && update.getChannelLeft() != null) {
      Connection connection = connections.get(guildId);
      if (connection != null) {
        connection.channelId = joined.getIdLong();
      }
      notify(l -> l.moved(guildId, joined.getIdLong()));
    }
  }

  private void notify(Consumer<VoiceListener> call) {
    for (VoiceListener listener : listeners) {
      executor.execute(
          () -> {
            try {
              call.accept(listener);
            } catch (RuntimeException e) {
              log.warn("A voice listener failed", e);
            }
          });
    }
  }

  private Guild guild(long guildId) {
    ShardManager connected = shards;
    return connected == null ? null : connected.getGuildById(guildId);
  }

  private AudioChannel audioChannel(long guildId, long channelId) {
    Guild guild = guild(guildId);
    return guild != null && guild.getGuildChannelById(channelId) instanceof AudioChannel audio
        ? audio
        : null;
  }

  private static CompletableFuture<Void> failed(Reason reason, String message) {
    return CompletableFuture.failedFuture(new VoiceException(reason, message));
  }

  /** One voice connection's life: its statuses from JDA, the join waiting on them. */
  private final class Connection implements net.dv8tion.jda.api.audio.hooks.ConnectionListener {
    final long guildId;
    final AudioManager manager;
    final CompletableFuture<Void> ready = new CompletableFuture<>();
    final RejoinLoopGuard guard = new RejoinLoopGuard(clock);
    final JoinDeadline deadline = new JoinDeadline(clock);
    volatile long channelId;
    volatile boolean replaced;

    Connection(long guildId, long channelId, AudioManager manager) {
      this.guildId = guildId;
      this.channelId = channelId;
      this.manager = manager;
    }

    @Override
    public void onStatusChange(net.dv8tion.jda.api.audio.hooks.ConnectionStatus status) {
      if (replaced) {
        return;
      }
      log.debug("Voice in guild {}: {}", guildId, status);
      if (guard.looping(status)) {
        log.error(
            "Voice in guild {}: Discord keeps refusing the connection and JDA keeps rejoining; this"
                + " is Discord's close code 4017 (DAVE required) on a bot without DAVE. Stopped"
                + " rejoining. Set discord.voice.dave to a DAVE implementation (JDAVE: Java 25,"
                + " glibc 2.38), or play in a stage channel.",
            guildId);
        end(
            Reason.DAVE_REQUIRED,
            "Discord refused my voice connection: it now requires end-to-end encryption (DAVE),"
                + " which this bot does not have. Stage channels still work.");
        return;
      }
      switch (status) {
        case CONNECTING_AWAITING_WEBSOCKET_CONNECT,
            CONNECTING_AWAITING_AUTHENTICATION,
            CONNECTING_ATTEMPTING_UDP_DISCOVERY,
            CONNECTING_AWAITING_READY ->
            deadline.endpointArrived();
        case CONNECTED -> {
          ready.complete(null);
          if (isStage(guildId, channelId)) {
            // A bot with Mute Members becomes a speaker at once; otherwise it raises its hand.
            manager
                .getGuild()
                .requestToSpeak()
                .onError(e -> log.warn("Could not speak in the stage in guild {}", guildId, e));
          }
          long channel = channelId;
          JdaVoice.this.notify(l -> l.connected(guildId, channel));
        }
        case DISCONNECTED_KICKED_FROM_CHANNEL, DISCONNECTED_REMOVED_FROM_GUILD ->
            end(Reason.KICKED, "I was disconnected from the voice channel.");
        case DISCONNECTED_CHANNEL_DELETED ->
            end(Reason.CHANNEL_DELETED, "The voice channel was deleted.");
        case DISCONNECTED_LOST_PERMISSION ->
            end(Reason.MISSING_PERMISSION, "I lost the permission to be in the voice channel.");
        case ERROR_CONNECTION_TIMEOUT,
            ERROR_UDP_UNABLE_TO_CONNECT,
            ERROR_UNSUPPORTED_ENCRYPTION_MODES,
            DISCONNECTED_AUTHENTICATION_FAILURE ->
            end(Reason.CONNECTION_FAILED, "The voice connection failed (" + status + ").");
        default -> {}
      }
    }

    private void end(Reason reason, String message) {
      close();
      ready.completeExceptionally(new VoiceException(reason, message));
      JdaVoice.this.notify(l -> l.disconnected(guildId, reason));
    }

    void close() {
      if (connections.remove(guildId, this)) {
        replaced = true;
        if (manager.getSendingHandler() instanceof FramesSendHandler frames) {
          frames.stop();
        }
        manager.closeAudioConnection();
      }
    }
  }
}
