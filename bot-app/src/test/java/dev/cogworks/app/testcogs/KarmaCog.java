package dev.cogworks.app.testcogs;

import dev.cogworks.api.CogHelper;
import dev.cogworks.api.command.CommandInvocation;
import dev.cogworks.api.command.CommandSpec;
import dev.cogworks.api.command.OptionKind;
import dev.cogworks.api.command.OptionSpec;
import dev.cogworks.api.data.ServerData;
import dev.cogworks.api.data.UserData;
import dev.cogworks.api.settings.Setting;
import dev.cogworks.api.settings.SettingTypes;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.hooks.EventListener;

/** A second test cog keeping data about users: points people give each other per server. */
public final class KarmaCog extends CogHelper implements UserData, ServerData {
  public static final Setting<Long> PER_THANKS =
      Setting.of("per_thanks", SettingTypes.integer(1, 10), "points a thanks gives");

  @Override
  public String name() {
    return "karma";
  }

  @Override
  public String description() {
    return "Thank people";
  }

  @Override
  public List<Setting<?>> settings() {
    return List.of(PER_THANKS);
  }

  @Override
  public Optional<UserData> userData() {
    return Optional.of(this);
  }

  @Override
  public Optional<ServerData> serverData() {
    return Optional.of(this);
  }

  /**
   * "++" as a message: a cheer, answered by a listener of the cog's own (not a command). A lambda,
   * so the cog stays one class (the cog rules read an inner class of it as another package's).
   */
  @Override
  public List<Object> listeners() {
    EventListener cheers =
        event -> {
          if (event instanceof MessageReceivedEvent received
              && !received.getAuthor().isBot()
              && received.getMessage().getContentRaw().equals("++")) {
            sendMessage(received.getChannel().getIdLong(), "Cheers!");
          }
        };
    return List.of(cheers);
  }

  @Override
  public List<CommandSpec> commands() {
    return List.of(
        CommandSpec.builder("thank", "Give someone karma")
            .option(OptionSpec.required("user", OptionKind.USER, "who to thank"))
            .handler(this::thank)
            .build(),
        CommandSpec.builder("karma", "Your karma here").handler(this::karma).build());
  }

  private CompletionStage<?> thank(CommandInvocation inv) {
    long guild = inv.guild().getIdLong();
    User who = inv.user("user").orElseThrow();
    long points = settings(guild).get(PER_THANKS);
    return context()
        .blocking(
            () ->
                context()
                    .jdbi()
                    .withHandle(
                        h ->
                            h.createQuery(
                                    "INSERT INTO karma_points (guild_id, user_id, points)"
                                        + " VALUES (?, ?, ?) ON CONFLICT (guild_id, user_id)"
                                        + " DO UPDATE SET points = karma_points.points + ?"
                                        + " RETURNING points")
                                .bind(0, guild)
                                .bind(1, who.getIdLong())
                                .bind(2, points)
                                .bind(3, points)
                                .mapTo(Long.class)
                                .one()))
        .thenCompose(total -> inv.reply(who.getName() + " has " + total + " karma."));
  }

  private CompletionStage<?> karma(CommandInvocation inv) {
    long guild = inv.guild().getIdLong();
    return context()
        .blocking(
            () ->
                context()
                    .jdbi()
                    .withHandle(
                        h ->
                            h.createQuery(
                                    "SELECT coalesce(sum(points), 0) FROM karma_points"
                                        + " WHERE guild_id = ? AND user_id = ?")
                                .bind(0, guild)
                                .bind(1, inv.user().getIdLong())
                                .mapTo(Long.class)
                                .one()))
        .thenCompose(total -> inv.reply("You have " + total + " karma here."));
  }

  @Override
  public List<String> describe(long userId) {
    long points =
        context()
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT coalesce(sum(points), 0) FROM karma_points WHERE user_id = ?")
                        .bind(0, userId)
                        .mapTo(Long.class)
                        .one());
    return points == 0 ? List.of() : List.of(points + " karma points");
  }

  @Override
  public long delete(long userId) {
    return context()
        .jdbi()
        .withHandle(h -> h.execute("DELETE FROM karma_points WHERE user_id = ?", userId));
  }

  @Override
  public void deleteServer(long guildId) {
    context()
        .jdbi()
        .useHandle(h -> h.execute("DELETE FROM karma_points WHERE guild_id = ?", guildId));
  }
}
