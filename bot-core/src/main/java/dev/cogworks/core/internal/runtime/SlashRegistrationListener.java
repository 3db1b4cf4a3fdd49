package dev.cogworks.core.internal.runtime;

import dev.cogworks.core.internal.command.SlashCommandSync;
import dev.cogworks.core.internal.config.CogworksConfig.Registration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import net.dv8tion.jda.api.events.guild.GuildJoinEvent;
import net.dv8tion.jda.api.events.guild.GuildReadyEvent;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Registers slash commands when guilds become ready (guild mode) or shard 0 is (global mode). */
final class SlashRegistrationListener extends ListenerAdapter {
  private static final Logger log = LoggerFactory.getLogger(SlashRegistrationListener.class);

  private final SlashCommandSync sync;
  private final Registration registration;

  /** The sync runs on its own thread: nothing here blocks JDA's event thread. */
  SlashRegistrationListener(SlashCommandSync sync, Registration registration) {
    this.sync = sync;
    this.registration = registration;
  }

  @Override
  public void onGuildReady(GuildReadyEvent event) {
    if (registration == Registration.GUILD) {
      report(() -> sync.syncGuild(event.getGuild()), "guild " + event.getGuild().getName());
    }
  }

  @Override
  public void onGuildJoin(GuildJoinEvent event) {
    if (registration == Registration.GUILD) {
      report(() -> sync.syncGuild(event.getGuild()), "guild " + event.getGuild().getName());
    }
  }

  @Override
  public void onReady(ReadyEvent event) {
    if (event.getJDA().getShardInfo().getShardId() != 0) {
      return;
    }
    if (registration == Registration.GLOBAL) {
      report(() -> sync.syncGlobal(event.getJDA()), "global commands");
    } else {
      report(() -> sync.syncDirectMessages(event.getJDA()), "direct-message commands");
    }
  }

  private void report(Supplier<CompletableFuture<Boolean>> registration, String scope) {
    registration
        .get()
        .exceptionally(
            e -> {
              log.error("Registering slash commands for {} failed: {}", scope, e.toString());
              return false;
            });
  }
}
