package dev.cogworks.music;

/**
 * What the music benchmark reads from the cog, which keeps its players to itself: each server's
 * frame counts ({@link PlayerFrames}) and whether a track is playing, and a way to stop a server's
 * player without a command. In the cog's package (as the cog's own tests are), in the bench module
 * only.
 */
public final class MusicProbe {
  private MusicProbe() {}

  /** Frames JDA asked for and got, and asked for while a track played and did not get. */
  public record Frames(long provided, long late, boolean playing) {}

  public static Frames frames(MusicCog cog, long guildId) {
    return cog.player(guildId)
        .map(p -> new Frames(p.frames().provided(), p.frames().late(), p.current().isPresent()))
        .orElse(new Frames(0, 0, false));
  }

  /** Leaves voice and drops the server's player, as the tests do between tests. */
  public static void shutDown(MusicCog cog, long guildId) {
    cog.shutDown(guildId);
  }
}
