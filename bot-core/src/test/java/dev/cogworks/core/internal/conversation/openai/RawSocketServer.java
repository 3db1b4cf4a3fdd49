package dev.cogworks.core.internal.conversation.openai;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A server that speaks HTTP by hand, for what the JDK's server will not do: drop the connection in
 * the middle of a chunked body.
 */
final class RawSocketServer implements AutoCloseable {
  /** What to do with the one connection, after its request was read. */
  @FunctionalInterface
  interface Conversation {
    void talk(Socket socket) throws IOException;
  }

  private final ServerSocket socket;
  private final Thread thread;

  RawSocketServer(Conversation conversation) throws IOException {
    socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    thread =
        new Thread(
            () -> {
              try (Socket s = socket.accept()) {
                readRequest(s.getInputStream());
                conversation.talk(s);
              } catch (IOException e) {
                // Closed by the test.
              }
            },
            "raw-model-server");
    thread.setDaemon(true);
    thread.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + socket.getLocalPort() + "/v1";
  }

  /** Reads the head up to the blank line and a Content-Length body. */
  private static void readRequest(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        return;
      }
      head.append((char) b);
    }
    for (String line : head.toString().split("\r\n")) {
      if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
        in.readNBytes(Integer.parseInt(line.substring(15).strip()));
      }
    }
  }

  /** One chunk of a chunked body. */
  static String chunk(String text) {
    byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return Integer.toHexString(bytes.length) + "\r\n" + text + "\r\n";
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
