package dev.cogworks.app.notify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cogworks.app.PlatformHarness;
import dev.cogworks.sim.model.SimMessage;
import dev.cogworks.sim.model.SimWebhook;
import dev.cogworks.sim.rest.WebhookRoutes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operators' channels of a notifications test: {@code #ops} for {@code channel_id} and {@code
 * #ops-hook}, whose webhook is {@code webhook_url}; and the notices that landed there, read from
 * the simulator.
 */
final class OpsChannel {
  /** One notice as Discord shows it: its embed's title, colour, fields; and who posted it. */
  record Landed(long messageId, String title, int color, Map<String, String> fields, SimMessage m) {
    boolean isWebhook() {
      return m.webhookId != null;
    }
  }

  private OpsChannel() {}

  /** A harness whose bot notifies in #ops and through the webhook of #ops-hook. */
  static PlatformHarness configure(PlatformHarness harness) {
    return harness
        .configOnceSeeded(
            "notifications.channel_id",
            h -> Long.toString(h.sim().control().createChannel(h.guild().id, "ops").id))
        .configOnceSeeded("notifications.webhook_url", OpsChannel::webhookUrl)
        .config("notifications.dedup_window", "3s")
        .config("notifications.check_interval", "200ms");
  }

  /** A new webhook of a new channel, {@code #ops-hook}: its URL at the simulator. */
  static Object webhookUrl(PlatformHarness h) {
    var state = h.sim().control().state();
    long channel = h.sim().control().createChannel(h.guild().id, "ops-hook").id;
    SimWebhook hook =
        new SimWebhook(
            state.ids.next(),
            WebhookRoutes.newToken(),
            h.guild().id,
            channel,
            "Cogworks notices",
            h.user("admin").id);
    state.webhooks.put(hook.id(), hook);
    return h.sim().baseUrl() + "api/v10/webhooks/" + hook.id() + "/" + hook.token();
  }

  /** The notices in {@code #channel}, oldest first. */
  static List<Landed> notices(PlatformHarness bot, String channel) {
    List<Landed> found = new ArrayList<>();
    for (SimMessage m : bot.sim().control().messages(bot.channel(channel).id)) {
      if (m.deleted() || m.embeds == null || m.embeds.isEmpty()) {
        continue;
      }
      JsonNode embed = m.embeds.get(0);
      Map<String, String> fields = new LinkedHashMap<>();
      embed
          .path("fields")
          .forEach(f -> fields.put(f.path("name").asText(), f.path("value").asText()));
      found.add(
          new Landed(m.id, embed.path("title").asText(), embed.path("color").asInt(), fields, m));
    }
    return found;
  }

  static List<Landed> notices(PlatformHarness bot, String channel, String titlePart) {
    return notices(bot, channel).stream().filter(n -> n.title().contains(titlePart)).toList();
  }

  static List<Landed> ops(PlatformHarness bot, String titlePart) {
    return notices(bot, "ops", titlePart);
  }
}
