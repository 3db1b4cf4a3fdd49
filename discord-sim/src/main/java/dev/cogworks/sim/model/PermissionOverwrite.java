package dev.cogworks.sim.model;

/** A channel permission overwrite for a role (type 0) or a member (type 1). */
public record PermissionOverwrite(long id, int type, long allow, long deny) {
  public static final int ROLE = 0;
  public static final int MEMBER = 1;
}
