package dev.cogworks.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cogworks.sim.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A bare gateway client for what JDA cannot show: it sends the frames a test writes and keeps every
 * frame received, and the close code.
 */
public final class RawMemberGateway implements AutoCloseable {
  private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
  private final WebSocket socket;

  private RawMemberGateway(String url) {
    socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .buildAsync(URI.create(url), new Listener())
            .join();
  }

  public static RawMemberGateway connect(DiscordSim sim) {
    return new RawMemberGateway(sim.gatewayUrl() + "?v=10&encoding=json");
  }

  /** Connects and identifies with {@code intents}; {@code extra} fields join IDENTIFY's data. */
  public static RawMemberGateway identify(
      DiscordSim sim, String token, int intents, ObjectNode extra) {
    RawMemberGateway gateway = connect(sim);
    ObjectNode data = Json.object().put("token", token).put("intents", intents);
    data.putObject("properties").put("os", "linux").put("browser", "test").put("device", "test");
    if (extra != null) {
      data.setAll(extra);
    }
    gateway.send(2, data);
    return gateway;
  }

  public void send(int op, JsonNode data) {
    ObjectNode frame = Json.object().put("op", op);
    frame.set("d", data);
    socket.sendText(Json.write(frame), true).join();
  }

  /** The {@code d} of every dispatch of {@code type} received so far. */
  public List<JsonNode> dispatches(String type) {
    return frames.stream()
        .filter(f -> f.path("op").asInt() == 0 && type.equals(f.path("t").asText()))
        .map(f -> f.get("d"))
        .toList();
  }

  /** The close code, once the server closed the connection; null while open. */
  public Integer closeCode() {
    return closeCode.getNow(null);
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      socket.sendClose(1000, "done").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null);
    }
    socket.abort();
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        frames.add(Json.parse(partial.toString()));
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closeCode.complete(statusCode);
      return null;
    }
  }
}
