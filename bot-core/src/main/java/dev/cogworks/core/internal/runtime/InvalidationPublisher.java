package dev.cogworks.core.internal.runtime;

import dev.cogworks.core.internal.concurrent.DaemonThreads;
import dev.cogworks.core.internal.relay.Invalidation;
import dev.cogworks.core.internal.relay.RelayEngine;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import net.dv8tion.jda.api.events.channel.ChannelDeleteEvent;
import net.dv8tion.jda.api.events.emoji.GenericEmojiEvent;
import net.dv8tion.jda.api.events.guild.GuildLeaveEvent;
import net.dv8tion.jda.api.events.guild.member.GenericGuildMemberEvent;
import net.dv8tion.jda.api.events.guild.member.GuildMemberRoleAddEvent;
import net.dv8tion.jda.api.events.guild.member.GuildMemberRoleRemoveEvent;
import net.dv8tion.jda.api.events.guild.update.GuildUpdateOwnerEvent;
import net.dv8tion.jda.api.events.message.MessageBulkDeleteEvent;
import net.dv8tion.jda.api.events.message.MessageDeleteEvent;
import net.dv8tion.jda.api.events.role.GenericRoleEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's half of the workers' caches: what its gateway says that makes a worker's cache wrong (a
 * message or channel deleted, a guild's emojis or roles changed, the bot's own roles changed, the
 * guild's owner changed, the guild was left) is published through the engine while the messaging
 * mode has one. Publishing is an engine round trip, so it runs on a thread of its own, never on
 * JDA's event thread; past {@link #QUEUE} waiting, an invalidation is dropped and counted (a worker
 * then makes a call its cache would have saved, no more).
 */
final class InvalidationPublisher extends ListenerAdapter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(InvalidationPublisher.class);
  static final int QUEUE = 10_000;

  private final Supplier<Optional<RelayEngine>> engine;
  private final ThreadPoolExecutor thread =
      new ThreadPoolExecutor(
          1,
          1,
          30,
          TimeUnit.SECONDS,
          new ArrayBlockingQueue<>(QUEUE),
          DaemonThreads.named("gateway-invalidations"));
  private final AtomicLong dropped = new AtomicLong();

  InvalidationPublisher(Supplier<Optional<RelayEngine>> engine) {
    this.engine = engine;
    // Idle, the thread ends: a bot restarted in the same JVM leaves none behind.
    thread.allowCoreThreadTimeOut(true);
  }

  private void publish(Invalidation.Kind kind, long id) {
    if (engine.get().isEmpty()) {
      return; // no workers in this mode
    }
    Invalidation invalidation = new Invalidation(kind, id);
    try {
      thread.execute(
          () ->
              engine
                  .get()
                  .ifPresent(
                      e -> {
                        try {
                          e.invalidations().publish(invalidation);
                        } catch (RuntimeException failure) {
                          log.debug("Invalidation {} not published: {}", invalidation, failure);
                        }
                      }));
    } catch (RejectedExecutionException full) {
      if (dropped.incrementAndGet() % 1000 == 1) {
        log.warn("Workers' cache invalidations dropped: {} so far", dropped.get());
      }
    }
  }

  @Override
  public void onMessageDelete(MessageDeleteEvent event) {
    publish(Invalidation.Kind.MESSAGE_DELETED, event.getMessageIdLong());
  }

  @Override
  public void onMessageBulkDelete(MessageBulkDeleteEvent event) {
    event
        .getMessageIds()
        .forEach(id -> publish(Invalidation.Kind.MESSAGE_DELETED, Long.parseUnsignedLong(id)));
  }

  @Override
  public void onChannelDelete(ChannelDeleteEvent event) {
    publish(Invalidation.Kind.CHANNEL_DELETED, event.getChannel().getIdLong());
  }

  @Override
  public void onGenericEmoji(GenericEmojiEvent event) {
    publish(Invalidation.Kind.EMOJIS_CHANGED, event.getGuild().getIdLong());
  }

  @Override
  public void onGenericRole(GenericRoleEvent event) {
    publish(Invalidation.Kind.ROLES_CHANGED, event.getGuild().getIdLong());
  }

  /** Only the bot's own roles: a worker caches its member, nobody else's. */
  @Override
  public void onGenericGuildMember(GenericGuildMemberEvent event) {
    if ((event instanceof GuildMemberRoleAddEvent || event instanceof GuildMemberRoleRemoveEvent)
        && event.getMember().getIdLong() == event.getJDA().getSelfUser().getIdLong()) {
      publish(Invalidation.Kind.ROLES_CHANGED, event.getGuild().getIdLong());
    }
  }

  /** The one guild setting a worker keeps: who owns it (a member's {@code owner}). */
  @Override
  public void onGuildUpdateOwner(GuildUpdateOwnerEvent event) {
    publish(Invalidation.Kind.GUILD_CHANGED, event.getGuild().getIdLong());
  }

  @Override
  public void onGuildLeave(GuildLeaveEvent event) {
    publish(Invalidation.Kind.GUILD_LEFT, event.getGuild().getIdLong());
  }

  /** Invalidations dropped because too many were waiting. */
  long dropped() {
    return dropped.get();
  }

  @Override
  public void close() {
    thread.shutdown();
  }
}
