package dev.cogworks.core.internal.notify;

/** How serious a notice is; its embed's colour and marker say so at a glance. */
public enum NoticeLevel {
  INFO(0x3498DB, "ℹ️"),
  WARNING(0xF1C40F, "⚠️"),
  ERROR(0xE74C3C, "❌"),
  CRITICAL(0x992D22, "🚨");

  private final int color;
  private final String marker;

  NoticeLevel(int color, String marker) {
    this.color = color;
    this.marker = marker;
  }

  public int color() {
    return color;
  }

  public String marker() {
    return marker;
  }

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
