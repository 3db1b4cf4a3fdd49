package dev.cogworks.app.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The series config/grafana-dashboard.json queries, read from its PromQL: every name of ours or of
 * the libraries we bind (JVM, HikariCP). The dashboard itself is not run here; this checks that
 * each series it draws exists in a live /metrics.
 */
final class DashboardSeries {
  private static final Pattern SERIES =
      Pattern.compile("\\b(?:cogworks|jvm|hikaricp|process|system)_[a-z0-9_]+");

  private DashboardSeries() {}

  static Set<String> names() throws IOException {
    Path dashboard = Path.of("..", "config", "grafana-dashboard.json");
    JsonNode json = new ObjectMapper().readTree(Files.readString(dashboard));
    Set<String> names = new TreeSet<>();
    for (JsonNode panel : json.path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        Matcher m = SERIES.matcher(target.path("expr").asText());
        while (m.find()) {
          names.add(m.group());
        }
      }
    }
    return names;
  }
}
