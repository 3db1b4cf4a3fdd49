package dev.cogworks.music;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A web server on 127.0.0.1 serving files of a folder, a 404 and redirects, counting requests; over
 * TLS when given a server context.
 */
final class LocalHttp implements AutoCloseable {
  private final HttpServer server;
  private final String scheme;
  final AtomicInteger requests = new AtomicInteger();

  LocalHttp(Path folder) {
    this(folder, null);
  }

  LocalHttp(Path folder, javax.net.ssl.SSLContext tls) {
    try {
      if (tls == null) {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        scheme = "http";
      } else {
        com.sun.net.httpserver.HttpsServer https =
            com.sun.net.httpserver.HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        https.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(tls));
        server = https;
        scheme = "https";
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          String path = exchange.getRequestURI().getPath();
          String query = exchange.getRequestURI().getRawQuery();
          if (path.startsWith("/redirect") && query != null && query.startsWith("to=")) {
            exchange
                .getResponseHeaders()
                .add("Location", java.net.URLDecoder.decode(query.substring(3), "UTF-8"));
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
            return;
          }
          Path file =
              folder.resolve(java.net.URLDecoder.decode(path.substring(1), "UTF-8")).normalize();
          if (!file.startsWith(folder) || !Files.isRegularFile(file)) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
          }
          byte[] body = Files.readAllBytes(file);
          String name = file.getFileName().toString();
          exchange
              .getResponseHeaders()
              .add(
                  "Content-Type",
                  name.endsWith(".wav")
                      ? "audio/wav"
                      : name.endsWith(".m3u") ? "audio/x-mpegurl" : "application/octet-stream");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** http(s)://{host}:{port}/{path}. */
  String url(String host, String path) {
    return scheme + "://" + host + ":" + port() + "/" + path;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
