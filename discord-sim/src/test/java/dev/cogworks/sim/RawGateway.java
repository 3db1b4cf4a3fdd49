package dev.cogworks.sim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cogworks.sim.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A bare gateway client (JDK WebSocket, JSON text frames) for what JDA cannot show: payloads JDA
 * never sends, and exactly which close code the simulator gives. Records every frame received.
 */
public final class RawGateway implements AutoCloseable {
  private final WebSocket socket;
  private final List<String> received = new CopyOnWriteArrayList<>();
  private final List<Integer> binaryFrames = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();

  private RawGateway(String url) {
    this(HttpClient.newHttpClient(), url);
  }

  private RawGateway(HttpClient client, String url) {
    StringBuilder text = new StringBuilder();
    WebSocket.Listener listener =
        new WebSocket.Listener() {
          @Override
          public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
              received.add(text.toString());
              text.setLength(0);
            }
            ws.request(1);
            return null;
          }

          @Override
          public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            binaryFrames.add(data.remaining());
            ws.request(1);
            return null;
          }

          @Override
          public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
          }

          @Override
          public void onError(WebSocket ws, Throwable error) {
            closeCode.completeExceptionally(error);
          }
        };
    socket =
        client
            .newWebSocketBuilder()
            .buildAsync(URI.create(url), listener)
            .orTimeout(10, TimeUnit.SECONDS)
            .join();
  }

  /** Connects to {@code sim}'s gateway with {@code query} (e.g. {@code "?v=10&encoding=json"}). */
  public static RawGateway connect(DiscordSim sim, String query) {
    return new RawGateway(sim.gatewayUrl() + query);
  }

  /**
   * Connects to {@code sim}'s voice gateway ({@code wss://localhost:PORT/} with {@code query}),
   * trusting its certificate as a bot would.
   */
  public static RawGateway connectVoice(DiscordSim sim, String query) {
    return new RawGateway(
        HttpClient.newBuilder().sslContext(sim.voiceSslContext()).build(),
        "wss://" + sim.voice().endpoint() + "/" + query);
  }

  public static RawGateway connect(DiscordSim sim) {
    return connect(sim, "?v=10&encoding=json");
  }

  public void send(String payload) {
    socket.sendText(payload, true).join();
  }

  public void heartbeat() {
    send("{\"op\":1,\"d\":null}");
  }

  public void identify(String token, int shardId, int shardCount) {
    send(
        Json.write(
            Json.object()
                .put("op", 2)
                .set(
                    "d",
                    Json.parse(
                        "{\"token\":\""
                            + token
                            + "\",\"intents\":513,\"properties\":{\"os\":\"linux\",\"browser\":\"raw\","
                            + "\"device\":\"raw\"},\"shard\":["
                            + shardId
                            + ","
                            + shardCount
                            + "]}"))));
  }

  /** Every text frame received so far, parsed. */
  public List<JsonNode> frames() {
    return received.stream().map(Json::parse).toList();
  }

  /** Frames with this op (and for dispatches, this {@code t} when given). */
  public List<JsonNode> frames(int op, String type) {
    return frames().stream()
        .filter(f -> f.path("op").asInt() == op)
        .filter(f -> type == null || type.equals(f.path("t").asText()))
        .toList();
  }

  /** Text and binary frames received. */
  public int frameCount() {
    return received.size() + binaryFrames.size();
  }

  public boolean isClosed() {
    return closeCode.isDone();
  }

  /** The close code the simulator sent, waiting up to {@code timeout} for it. */
  public int closeCode(Duration timeout) {
    return closeCode.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
  }

  @Override
  public void close() {
    socket.abort();
  }
}
