package dev.cogworks.api.command;

import java.util.Map;
import java.util.Optional;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.User;

/**
 * What a user has typed so far into a slash command, asked for suggestions for one option.
 *
 * @param commandName the full command name, with group and subcommand: {@code "role self-serve
 *     add"}
 * @param option the option being typed
 * @param typed what is in that option so far (may be empty)
 * @param others the other options filled in so far, as Discord sends them (text; ids for users,
 *     roles and channels)
 * @param member the member typing; null outside a guild
 */
public record AutocompleteQuery(
    String commandName,
    String option,
    String typed,
    Map<String, String> others,
    User user,
    Member member,
    Guild guild) {
  public AutocompleteQuery {
    typed = typed == null ? "" : typed;
    others = Map.copyOf(others);
  }

  /** Another option's value, if the user filled it in already. */
  public Optional<String> other(String name) {
    return Optional.ofNullable(others.get(name));
  }
}
