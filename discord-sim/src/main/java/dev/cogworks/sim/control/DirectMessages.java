package dev.cogworks.sim.control;

import dev.cogworks.sim.json.Json;
import dev.cogworks.sim.model.SimBot;
import dev.cogworks.sim.model.SimChannel;
import dev.cogworks.sim.model.SimMessage;
import dev.cogworks.sim.model.SimUser;
import dev.cogworks.sim.state.MessageWriter;
import dev.cogworks.sim.state.SimState;

/**
 * A person writing to a bot privately: the DM channel between them (the one Discord's "Create DM"
 * gives the bot too) and messages in it. Bots hear them with the DIRECT_MESSAGES intent.
 */
final class DirectMessages {
  private final SimState state;
  private final MessageWriter writer;

  DirectMessages(SimState state, MessageWriter writer) {
    this.state = state;
    this.writer = writer;
  }

  SimChannel open(long userId, long botId) {
    return state.write(() -> openLocked(userId, botId));
  }

  SimMessage post(long userId, long botId, String content) {
    SimControl.requireContent(content);
    return state.write(
        () -> {
          SimChannel channel = openLocked(userId, botId);
          SimUser author = state.user(userId);
          return writer.create(
              channel,
              Json.object().put("content", content),
              MessageWriter.Origin.of(author),
              null);
        });
  }

  private SimChannel openLocked(long userId, long botId) {
    SimUser user = state.user(userId);
    if (user.bot) {
      throw new ControlException(user.username + " is a bot; a DM is between a person and a bot");
    }
    SimBot bot = state.botsByUserId.get(botId);
    if (bot == null) {
      throw new ControlException(404, "no bot with user id " + botId);
    }
    return state.directMessageChannel(user, bot.user);
  }
}
