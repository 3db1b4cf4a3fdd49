package dev.cogworks.core.internal.command;

import dev.cogworks.api.command.CommandInvocation;
import java.util.Map;
import java.util.Optional;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Role;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;

/**
 * The part of an invocation both forms share: who, where, and the options already converted to
 * their kinds. Subclasses only differ in how they answer.
 */
abstract class BoundInvocation implements CommandInvocation, Answerable {
  private final String commandName;
  private final Member member;
  private final User user;
  private final MessageChannel channel;
  private final Map<String, Object> values;

  BoundInvocation(
      String commandName,
      User user,
      Member member,
      MessageChannel channel,
      Map<String, Object> values) {
    this.commandName = commandName;
    this.user = user;
    this.member = member;
    this.channel = channel;
    this.values = Map.copyOf(values);
  }

  @Override
  public String commandName() {
    return commandName;
  }

  @Override
  public User user() {
    return user;
  }

  @Override
  public Member member() {
    return member;
  }

  @Override
  public Guild guild() {
    return member == null ? null : member.getGuild();
  }

  @Override
  public MessageChannel channel() {
    return channel;
  }

  @Override
  public String action() {
    return "running `" + prefix() + commandName() + "`";
  }

  private <T> Optional<T> value(String option, Class<T> type) {
    Object value = values.get(option);
    return type.isInstance(value) ? Optional.of(type.cast(value)) : Optional.empty();
  }

  @Override
  public Optional<String> string(String option) {
    return value(option, String.class);
  }

  @Override
  public Optional<Long> integer(String option) {
    return value(option, Long.class);
  }

  @Override
  public Optional<Double> number(String option) {
    return value(option, Double.class);
  }

  @Override
  public Optional<Boolean> bool(String option) {
    return value(option, Boolean.class);
  }

  @Override
  public Optional<User> user(String option) {
    return value(option, User.class);
  }

  @Override
  public Optional<Role> role(String option) {
    return value(option, Role.class);
  }

  @Override
  public Optional<GuildChannel> channel(String option) {
    return value(option, GuildChannel.class);
  }
}
