package dev.cogworks.core.internal.conversation.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A model server for the tests: the JDK's own HTTP server on 127.0.0.1 answering {@code POST
 * /v1/chat/completions} as each test tells it, and keeping what it received.
 */
final class FakeModelServer implements AutoCloseable {
  /** What one test makes the server do with a request. */
  @FunctionalInterface
  interface Responder {
    void respond(HttpExchange exchange) throws IOException, InterruptedException;
  }

  /** One request as received. */
  record Received(String method, String path, Headers headers, JsonNode body) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<Received> received = new CopyOnWriteArrayList<>();

  /** Released at close, so handlers that stall on purpose end. */
  final CountDownLatch closing = new CountDownLatch(1);

  private volatile Responder responder = exchange -> json(exchange, 500, "{}");

  FakeModelServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext(
        "/",
        exchange -> {
          try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(
                new Received(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders(),
                    body.length == 0 ? null : Json.MAPPER.readTree(body)));
            responder.respond(exchange);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } catch (IOException e) {
            // The client went away; the test that wanted that checks for it its own way.
          } finally {
            exchange.close();
          }
        });
    server.start();
  }

  /** What goes in {@code base_url}. */
  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  void answer(Responder responder) {
    this.responder = responder;
  }

  List<Received> received() {
    return received;
  }

  Received only() {
    if (received.size() != 1) {
      throw new AssertionError("expected one request, got " + received.size());
    }
    return received.get(0);
  }

  /** A whole JSON answer. */
  static void json(HttpExchange exchange, int status, String body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  /** Starts a server-sent event stream (chunked, as every streaming server sends it). */
  static OutputStream startEvents(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    exchange.sendResponseHeaders(200, 0);
    return exchange.getResponseBody();
  }

  /** Writes {@code text} and flushes it, so it leaves as its own chunk now. */
  static void send(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
