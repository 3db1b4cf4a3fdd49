package dev.cogworks.core.internal.notify;

import dev.cogworks.api.messaging.Embed;
import java.time.Duration;
import java.util.Map;

/**
 * Renders a notice as an embed: the level's colour and marker, the kind's title, the description,
 * one field per detail, and the level in the footer. Discord's embed limits are kept (title 256,
 * description 4,096, field value 1,024, 25 fields), since a notice that Discord refuses would be
 * lost. Embeds never ping anyone, and the delivery sends no content beside them.
 */
final class NoticeEmbeds {
  private static final int TITLE = 256;
  private static final int DESCRIPTION = 4096;
  private static final int FIELD_NAME = 256;
  private static final int FIELD_VALUE = 1024;
  private static final int FIELDS = 24; // one left for "More like this"

  private NoticeEmbeds() {}

  static Embed render(Notice notice) {
    return render(notice, 0, Duration.ZERO, null);
  }

  /**
   * {@code more}: how many notices like this one were held back in {@code window}; {@code source}
   * names the process when it is not the bot (a gateway worker), else null.
   */
  static Embed render(Notice notice, int more, Duration window, String source) {
    NoticeLevel level = notice.kind().level();
    Embed embed =
        new Embed(
            cut(level.marker() + " " + notice.kind().title(), TITLE),
            notice.description().isEmpty() ? null : cut(notice.description(), DESCRIPTION),
            null,
            level.color(),
            java.util.List.of(),
            "Cogworks · " + level.label() + (source == null ? "" : " · " + source),
            null,
            null,
            null,
            notice.at());
    int count = 0;
    for (Map.Entry<String, String> field : notice.fields().entrySet()) {
      if (count++ == FIELDS) {
        break;
      }
      embed =
          embed.withField(
              cut(field.getKey(), FIELD_NAME),
              cut(field.getValue().isBlank() ? "-" : field.getValue(), FIELD_VALUE),
              field.getValue().length() <= 40);
    }
    if (more > 0) {
      embed =
          embed.withField(
              "More like this",
              more + " more like this in the last " + seconds(window) + " (latest shown)",
              false);
    }
    return embed;
  }

  private static String seconds(Duration window) {
    long s = Math.max(1, window.toSeconds());
    return s % 60 == 0 && s >= 60 ? (s / 60) + " min" : s + " s";
  }

  private static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
