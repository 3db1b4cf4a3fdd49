package dev.cogworks.sim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cogworks.sim.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A bare HTTP client for asserting exactly what the simulator answers, headers included. */
public final class SimHttp {
  private final HttpClient client = HttpClient.newHttpClient();
  private final String base;
  private final String token;

  public SimHttp(DiscordSim sim, String token) {
    this(sim.restBaseUrl(), token);
  }

  private SimHttp(String base, String token) {
    this.base = base;
    this.token = token;
  }

  /** A client for the control API: paths like {@code _sim/state}, no token. */
  public static SimHttp control(DiscordSim sim) {
    return new SimHttp(sim.baseUrl(), null);
  }

  /** The answer: status, headers and parsed JSON body (or the raw text when not JSON). */
  public record Answer(int status, HttpResponse<String> raw) {
    public JsonNode json() {
      return Json.parse(raw.body());
    }

    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }
  }

  public Answer send(String method, String path, String jsonBody) {
    return send(method, path, jsonBody, new String[0]);
  }

  /** With extra request headers, as name, value pairs (an audit log reason, for instance). */
  public Answer send(String method, String path, String jsonBody, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .method(
                method,
                jsonBody == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(jsonBody))
            .header("Content-Type", "application/json");
    if (token != null) {
      request.header("Authorization", "Bot " + token);
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public Answer post(String path, String jsonBody) {
    return send("POST", path, jsonBody);
  }

  public Answer get(String path) {
    return send("GET", path, null);
  }
}
