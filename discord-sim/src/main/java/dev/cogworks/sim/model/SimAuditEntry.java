package dev.cogworks.sim.model;

/**
 * One entry of a guild's audit log: for now member role updates (Discord's action type 25, {@code
 * MEMBER_ROLE_UPDATE}), with the reason the bot sent in {@code X-Audit-Log-Reason}.
 *
 * <p>As on Discord, the entry's time is its snowflake id's.
 *
 * @param added whether the role was given ({@code $add}) or taken ({@code $remove})
 * @param reason the decoded header, or null when the request carried none
 */
public record SimAuditEntry(
    long id,
    int actionType,
    long userId,
    long targetId,
    boolean added,
    long roleId,
    String roleName,
    String reason) {
  public static final int MEMBER_ROLE_UPDATE = 25;
}
