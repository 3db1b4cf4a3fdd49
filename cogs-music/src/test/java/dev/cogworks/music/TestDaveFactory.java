package dev.cogworks.music;

import java.util.concurrent.atomic.AtomicInteger;
import net.dv8tion.jda.api.audio.dave.DaveProtocolCallbacks;
import net.dv8tion.jda.api.audio.dave.DaveSession;
import net.dv8tion.jda.api.audio.dave.DaveSessionFactory;
import net.dv8tion.jda.api.audio.dave.PassthroughDaveSessionFactory;

/** A DAVE implementation from the tests (passthrough underneath), counting its sessions. */
public final class TestDaveFactory implements DaveSessionFactory {
  static final AtomicInteger SESSIONS = new AtomicInteger();

  @Override
  public DaveSession createDaveSession(DaveProtocolCallbacks callbacks, long user, long channel) {
    SESSIONS.incrementAndGet();
    return new PassthroughDaveSessionFactory().createDaveSession(callbacks, user, channel);
  }
}
