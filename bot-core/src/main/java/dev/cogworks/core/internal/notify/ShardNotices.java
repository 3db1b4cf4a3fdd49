package dev.cogworks.core.internal.notify;

import java.util.function.Consumer;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.events.session.SessionDisconnectEvent;
import net.dv8tion.jda.api.events.session.SessionRecreateEvent;
import net.dv8tion.jda.api.events.session.SessionResumeEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;

/**
 * A shard losing its gateway connection, and getting it back (resumed, or a new session). Each
 * shard is its own story, so notices are keyed by shard and one shard's flapping does not hide
 * another's.
 */
final class ShardNotices extends ListenerAdapter {
  private final Consumer<Notice> notify;

  ShardNotices(Consumer<Notice> notify) {
    this.notify = notify;
  }

  @Override
  public void onSessionDisconnect(SessionDisconnectEvent event) {
    var frame = event.getServiceCloseFrame();
    notify.accept(
        Notice.of(
                NoticeKind.SHARD_DISCONNECTED,
                "The shard lost its gateway connection; JDA reconnects by itself.")
            .keyed(shard(event.getJDA()))
            .with("Shard", shard(event.getJDA()))
            .with(
                "Close code",
                frame == null
                    ? "none (connection lost)"
                    : frame.getCloseCode() + " " + String.valueOf(frame.getCloseReason())));
  }

  @Override
  public void onSessionResume(SessionResumeEvent event) {
    reconnected(event.getJDA(), "resumed: no event was missed");
  }

  @Override
  public void onSessionRecreate(SessionRecreateEvent event) {
    reconnected(event.getJDA(), "new session: events while away were missed");
  }

  private void reconnected(JDA jda, String how) {
    notify.accept(
        Notice.of(NoticeKind.SHARD_RECONNECTED, "The shard is connected again.")
            .keyed(shard(jda))
            .with("Shard", shard(jda))
            .with("How", how));
  }

  private static String shard(JDA jda) {
    JDA.ShardInfo info = jda.getShardInfo();
    return info.getShardId() + "/" + info.getShardTotal();
  }
}
