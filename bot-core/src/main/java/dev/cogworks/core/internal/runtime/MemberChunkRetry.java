package dev.cogworks.core.internal.runtime;

import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.events.GenericEvent;
import net.dv8tion.jda.api.events.RawGatewayEvent;
import net.dv8tion.jda.api.hooks.EventListener;
import net.dv8tion.jda.api.utils.data.DataObject;
import net.dv8tion.jda.internal.JDAImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers Discord's RATE_LIMITED dispatch for JDA's start-up member requests. Discord sends a
 * guild's whole member list to a bot once per guild every 30 s and answers a second request sooner
 * with RATE_LIMITED (opcode 8, {@code retry_after}, {@code meta.guild_id}); JDA 6 has no handler
 * for it. Without this listener a guild chunked again within 30 s — a restart, a session that could
 * not resume, a re-invite — waits for members that never come, until JDA gives it up as unavailable
 * after 75 s. This sends JDA's own request again once {@code retry_after} has passed, so the
 * guild's setup completes with every member.
 *
 * <p>Requests with a nonce come from {@code Guild.loadMembers} and its kin, which Cogworks does not
 * call; they are left alone. Uses JDA's internal client, the only way to send op 8 for a guild JDA
 * is still setting up: re-check this class when upgrading JDA, or drop it once JDA handles
 * RATE_LIMITED itself.
 */
final class MemberChunkRetry implements EventListener {
  private static final Logger log = LoggerFactory.getLogger(MemberChunkRetry.class);
  private static final int REQUEST_GUILD_MEMBERS = 8;

  @Override
  public void onEvent(GenericEvent event) {
    if (!(event instanceof RawGatewayEvent raw) || !"RATE_LIMITED".equals(raw.getType())) {
      return;
    }
    DataObject limited = raw.getPayload();
    DataObject meta = limited.optObject("meta").orElseGet(DataObject::empty);
    if (limited.getInt("opcode", -1) != REQUEST_GUILD_MEMBERS
        || !meta.isNull("nonce")
        || meta.isNull("guild_id")) {
      return;
    }
    long guildId = meta.getUnsignedLong("guild_id");
    long waitMillis = (long) Math.ceil(limited.getDouble("retry_after", 1.0) * 1000);
    log.info(
        "member list of guild {} rate limited by Discord; asking again in {} ms",
        guildId,
        waitMillis);
    JDAImpl jda = (JDAImpl) event.getJDA();
    jda.getGatewayPool().schedule(() -> askAgain(jda, guildId), waitMillis, TimeUnit.MILLISECONDS);
  }

  private static void askAgain(JDAImpl jda, long guildId) {
    JDA.Status status = jda.getStatus();
    if (status == JDA.Status.SHUTTING_DOWN || status == JDA.Status.SHUTDOWN) {
      return;
    }
    // The request JDA's GuildSetupController sends: the whole list, no nonce.
    jda.getClient()
        .sendChunkRequest(
            DataObject.empty().put("guild_id", guildId).put("query", "").put("limit", 0));
  }
}
