package dev.cogworks.sim.model;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * A bot application: its user, its token, its application id (Discord uses the same id) and the
 * privileged intents switched on for it in the developer portal.
 */
public final class SimBot {
  public final SimUser user;
  public final String token;
  private volatile Set<PrivilegedIntent> privilegedIntents;

  public SimBot(SimUser user, String token, Set<PrivilegedIntent> privilegedIntents) {
    this.user = user;
    this.token = token;
    setPrivilegedIntents(privilegedIntents);
  }

  public long applicationId() {
    return user.id;
  }

  /** The portal switches that are on, in declaration order (unmodifiable). */
  public Set<PrivilegedIntent> privilegedIntents() {
    return privilegedIntents;
  }

  public boolean hasPrivileged(PrivilegedIntent intent) {
    return privilegedIntents.contains(intent);
  }

  public void setPrivilegedIntents(Set<PrivilegedIntent> enabled) {
    EnumSet<PrivilegedIntent> copy = EnumSet.noneOf(PrivilegedIntent.class);
    copy.addAll(enabled);
    this.privilegedIntents = Collections.unmodifiableSet(copy);
  }

  /** The application's {@code flags} as READY and {@code /applications/@me} report them. */
  public int applicationFlags() {
    return PrivilegedIntent.flags(privilegedIntents);
  }
}
