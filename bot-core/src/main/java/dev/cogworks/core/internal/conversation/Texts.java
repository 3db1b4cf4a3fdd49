package dev.cogworks.core.internal.conversation;

import java.time.Duration;

/** What people read about their requests: one place, so the wording stays consistent. */
final class Texts {
  private Texts() {}

  static String queued(int position, int waiting, boolean paused) {
    String text = "⏳ Queued — position " + position + " of " + waiting;
    return paused ? text + " (answers are paused for now; your place is kept)" : text;
  }

  static final String THINKING = "💭 Thinking…";

  static String expired(Duration timeout) {
    return "⌛ This request waited longer than "
        + human(timeout)
        + " and was dropped; nothing was answered. Ask again when you like.";
  }

  static final String CANCELLED = "✖️ Cancelled; nothing was answered.";

  static String cleared(String by) {
    return "✖️ Removed from the queue by " + by + "; nothing was answered.";
  }

  static String failed(String why) {
    return "⚠️ Sorry, no answer this time: " + why;
  }

  static final String TIMED_OUT = "the assistant took too long to answer. Try again later.";

  static final String RESTARTED =
      "the bot restarted twice while answering it. Try again, perhaps with a shorter question.";

  static final String EMPTY_ANSWER = "*(The assistant gave no answer.)*";

  static String human(Duration d) {
    long seconds = Math.max(1, (d.toMillis() + 999) / 1000);
    if (seconds < 120) {
      return seconds + " s";
    }
    long minutes = (seconds + 59) / 60;
    if (minutes < 120) {
      return minutes + " min";
    }
    return ((minutes + 59) / 60) + " h";
  }
}
