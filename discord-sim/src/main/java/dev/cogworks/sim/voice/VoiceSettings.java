package dev.cogworks.sim.voice;

import java.time.Duration;
import java.util.List;

/**
 * How the voice server behaves; changeable while it runs, so a test switches one thing for itself
 * (and puts it back) without a new simulator. Every setting applies to connections made after the
 * change.
 */
public final class VoiceSettings {
  private volatile boolean requireDave;
  private volatile List<String> modes = TransportCipher.ALL_MODES;
  private volatile int decodeOneIn = 1;
  private volatile Duration heartbeatInterval = Duration.ofMillis(13_750);

  /**
   * Whether non-stage voice needs DAVE (end-to-end encryption), as on Discord since March 2026: an
   * IDENTIFY with {@code max_dave_protocol_version} 0 is closed with 4017. Off by default: the
   * simulator negotiates DAVE version 0 (transport encryption only), see the README.
   */
  public VoiceSettings requireDave(boolean require) {
    this.requireDave = require;
    return this;
  }

  public boolean requireDave() {
    return requireDave;
  }

  /**
   * The transport encryption modes READY offers, in order; by default both Discord offers. A test
   * offers one to make the client use it.
   */
  public VoiceSettings modes(List<String> modes) {
    for (String mode : modes) {
      if (TransportCipher.forMode(mode) == null) {
        throw new IllegalArgumentException("unknown voice encryption mode: " + mode);
      }
    }
    this.modes = List.copyOf(modes);
    return this;
  }

  public List<String> modes() {
    return modes;
  }

  /**
   * Decode one Opus frame in {@code n} to measure the level (1, the default: every frame).
   * Counting, ordering and decryption cover every packet whatever this says; only the level is
   * sampled, so that measuring many streams does not eat the machine. Someone listening in the chat
   * page gets every frame decoded regardless.
   */
  public VoiceSettings decodeOneIn(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("decodeOneIn must be 0 (never) or more, was " + n);
    }
    this.decodeOneIn = n;
    return this;
  }

  public int decodeOneIn() {
    return decodeOneIn;
  }

  /** HELLO's {@code heartbeat_interval}; Discord's voice gateway sends 13.75 s. */
  public VoiceSettings heartbeatInterval(Duration interval) {
    this.heartbeatInterval = interval;
    return this;
  }

  public Duration heartbeatInterval() {
    return heartbeatInterval;
  }
}
