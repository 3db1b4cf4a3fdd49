package dev.cogworks.testkit.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The arguments a fuzz run tries: what people type by mistake or on purpose. Text for prefix
 * commands may be anything; slash options carry only what Discord's client lets through (a value of
 * the option's type, within its declared limits and choices), but hostile within that.
 */
final class HostileInputs {
  /** Discord's client refuses integers outside ±2^53 (JavaScript's safe integers). */
  static final long SAFE_INTEGER = (1L << 53) - 1;

  private final Random random;
  private final World world;

  /** Ids the run may point at: this server's and, for "ids of other servers", another's. */
  record World(
      List<Long> members,
      List<Long> strangers,
      List<Long> roles,
      List<Long> foreignRoles,
      List<Long> channels,
      List<Long> foreignChannels,
      long everyoneRole) {}

  HostileInputs(Random random, World world) {
    this.random = random;
    this.world = world;
  }

  /** Words for a prefix command: any of them in any position. */
  List<String> texts() {
    List<String> texts = new ArrayList<>();
    texts.add("");
    texts.add("   ");
    texts.add("@everyone");
    texts.add("@here");
    texts.add("<@" + pick(world.members()) + ">");
    texts.add("<@!" + pick(world.members()) + ">");
    texts.add("<@" + pick(world.strangers()) + ">");
    texts.add("<@&" + world.everyoneRole() + ">");
    texts.add("<@&" + pick(world.roles()) + ">");
    texts.add("<@&" + pick(world.foreignRoles()) + ">");
    texts.add("<#" + pick(world.foreignChannels()) + ">");
    texts.add(String.valueOf(pick(world.foreignChannels())));
    texts.add(String.valueOf(pick(world.foreignRoles())));
    texts.add(String.valueOf(pick(world.strangers())));
    texts.add("\"unterminated quote");
    texts.add("'single");
    texts.add("\"\"");
    texts.add("a \"b c\" d");
    texts.add("-1");
    texts.add("0");
    texts.add("-0");
    texts.add("99999999999999999999999");
    texts.add("9223372036854775808");
    texts.add("1e309");
    texts.add("NaN");
    texts.add("0x7f");
    texts.add("🎵🔥👩‍👩‍👧");
    texts.add("\u202Egnp.exe");
    texts.add("Z̷̢̛a̸l̵g̶o̸");
    texts.add("日本語のテキスト");
    texts.add("\u200B");
    texts.add("```\ncode\n```");
    texts.add("||spoiler|| **bold** __u__");
    texts.add("line one\nline two");
    texts.add("../../etc/passwd");
    texts.add("%s%n%x");
    texts.add("x".repeat(1500));
    return texts;
  }

  String text() {
    List<String> texts = texts();
    return texts.get(random.nextInt(texts.size()));
  }

  /**
   * A value Discord's client would send for {@code option}, or null when it cannot send one here
   * (an attachment, which the simulator's control API does not take).
   */
  Object slashValue(JsonNode option) {
    JsonNode choices = option.path("choices");
    if (choices.isArray() && choices.size() > 0) {
      JsonNode choice = choices.get(random.nextInt(choices.size())).path("value");
      return choice.isNumber() ? choice.numberValue() : choice.asText();
    }
    switch (option.path("type").asInt()) {
      case 3:
        return slashText(option);
      case 4:
        return integer(option);
      case 5:
        return random.nextBoolean();
      case 6:
        return pick(random.nextInt(4) == 0 ? world.strangers() : world.members());
      case 7:
        return pick(world.channels());
      case 8:
        return random.nextInt(3) == 0 ? world.everyoneRole() : pick(world.roles());
      case 9:
        return random.nextBoolean() ? pick(world.members()) : pick(world.roles());
      case 10:
        return random.nextBoolean() ? integer(option) : integer(option) + 0.5;
      default:
        return null;
    }
  }

  private String slashText(JsonNode option) {
    int min = option.path("min_length").asInt(1);
    int max = option.path("max_length").asInt(6000);
    for (int attempt = 0; attempt < 20; attempt++) {
      String text = text();
      if (text.length() >= Math.max(1, min) && text.length() <= max && !text.isBlank()) {
        return text;
      }
    }
    return "x".repeat(Math.max(1, min));
  }

  private long integer(JsonNode option) {
    long min =
        option.has("min_value")
            ? (long) Math.ceil(option.get("min_value").asDouble())
            : -SAFE_INTEGER;
    long max =
        option.has("max_value")
            ? (long) Math.floor(option.get("max_value").asDouble())
            : SAFE_INTEGER;
    long[] candidates = {min, max, 0, -1, 1, min + 1, max - 1};
    for (int attempt = 0; attempt < 10; attempt++) {
      long value = candidates[random.nextInt(candidates.length)];
      if (value >= min && value <= max) {
        return value;
      }
    }
    return min;
  }

  private long pick(List<Long> ids) {
    return ids.get(random.nextInt(ids.size()));
  }
}
