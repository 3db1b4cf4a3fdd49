package dev.cogworks.core.internal.config;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one reload of the configuration did, answered to whatever triggered it (the file watch,
 * SIGHUP, the admin route, an owner command), logged, and shown on the monitor.
 *
 * @param applied keys now in force
 * @param needsRestart keys whose new value waits for a restart (not applied at all)
 * @param error why nothing was applied (a bad value, an engine that cannot be reached), or null
 * @param detail what the messaging switch did, or null when messaging did not change
 */
public record ReloadResult(
    Instant at,
    String trigger,
    Outcome outcome,
    List<String> applied,
    List<String> needsRestart,
    String error,
    String detail) {

  /** One word per result, for the metric's tag and the monitor. */
  public enum Outcome {
    /** Live keys changed and are in force (restart-only keys may wait beside them). */
    APPLIED,
    /** Only restart-only keys changed: nothing applied. */
    NEEDS_RESTART,
    /** Nothing differs from what runs. */
    UNCHANGED,
    /** A bad edit or a failed switch: the running configuration is kept. */
    REJECTED;

    public String tag() {
      return name().toLowerCase();
    }
  }

  /** The lines answered to the trigger. */
  public String message() {
    StringBuilder out = new StringBuilder();
    switch (outcome) {
      case UNCHANGED -> out.append("Configuration reloaded: nothing changed.");
      case REJECTED ->
          out.append("Configuration not applied; the running one is kept: ").append(error);
      case APPLIED -> out.append("Configuration applied: ").append(String.join(", ", applied));
      case NEEDS_RESTART -> out.append("Nothing applied.");
    }
    if (detail != null) {
      out.append("\n").append(detail);
    }
    for (String key : needsRestart) {
      out.append("\nneeds a restart: ").append(key);
    }
    return out.toString();
  }

  /** As JSON for the admin route and the monitor's snapshot. */
  public Map<String, Object> json() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("at", at.toString());
    json.put("trigger", trigger);
    json.put("outcome", outcome.tag());
    json.put("applied", applied);
    json.put("needs_restart", needsRestart);
    json.put("error", error);
    json.put("detail", detail);
    json.put("message", message());
    return json;
  }
}
