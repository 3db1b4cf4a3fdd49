package dev.cogworks.core.internal.cog;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Optional;
import java.util.function.BiPredicate;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.events.GenericEvent;
import net.dv8tion.jda.api.hooks.EventListener;

/**
 * A cog's JDA listener, silenced in the servers where the cog is turned off: a cog off in a server
 * does not answer there, through its commands or through its own listeners. Events outside a server
 * (a shard ready, a direct message) always pass.
 *
 * <p>JDA's events share no interface for "the server this happened in"; every family (messages,
 * members, roles, channels, emojis, interactions…) has its own {@code getGuild()}, and some a
 * {@code isFromGuild()} to call first. They are found once per event class.
 */
public final class CogListener implements EventListener {
  private static final ClassValue<Optional<GuildOf>> GUILD_OF =
      new ClassValue<>() {
        @Override
        protected Optional<GuildOf> computeValue(Class<?> type) {
          return GuildOf.find(type);
        }
      };

  private final String cog;
  private final EventListener delegate;
  private final BiPredicate<Long, String> enabled;

  /** {@code enabled} says whether a cog is on in a server (by id). */
  public CogListener(String cog, EventListener delegate, BiPredicate<Long, String> enabled) {
    this.cog = cog;
    this.delegate = delegate;
    this.enabled = enabled;
  }

  @Override
  public void onEvent(GenericEvent event) {
    Guild guild = GUILD_OF.get(event.getClass()).map(g -> g.of(event)).orElse(null);
    if (guild == null || enabled.test(guild.getIdLong(), cog)) {
      delegate.onEvent(event);
    }
  }

  /** How to read the server of one event class. */
  private record GuildOf(MethodHandle getGuild, MethodHandle isFromGuild) {
    static Optional<GuildOf> find(Class<?> type) {
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      try {
        MethodHandle getGuild =
            lookup.findVirtual(type, "getGuild", MethodType.methodType(Guild.class));
        MethodHandle isFromGuild;
        try {
          isFromGuild =
              lookup.findVirtual(type, "isFromGuild", MethodType.methodType(boolean.class));
        } catch (NoSuchMethodException none) {
          isFromGuild = null;
        }
        return Optional.of(new GuildOf(getGuild, isFromGuild));
      } catch (NoSuchMethodException | IllegalAccessException none) {
        return Optional.empty();
      }
    }

    Guild of(GenericEvent event) {
      try {
        if (isFromGuild != null && !(boolean) isFromGuild.invoke(event)) {
          return null;
        }
        return (Guild) getGuild.invoke(event);
      } catch (IllegalStateException notInGuild) {
        return null;
      } catch (Throwable e) {
        throw new IllegalStateException("reading the server of " + event.getClass(), e);
      }
    }
  }
}
