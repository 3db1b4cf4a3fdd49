package dev.cogworks.sim.gateway;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;

/**
 * Discord's {@code zlib-stream} transport compression: one zlib stream for the whole connection,
 * each payload flushed with SYNC_FLUSH so it ends in {@code 00 00 ff ff}, which is how clients (JDA
 * included) know a message is complete.
 */
final class ZlibStreamEncoder {
  private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
  private final byte[] buffer = new byte[8192];

  synchronized byte[] encode(String payload) {
    deflater.setInput(payload.getBytes(StandardCharsets.UTF_8));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int written;
    do {
      written = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
      out.write(buffer, 0, written);
    } while (written == buffer.length);
    return out.toByteArray();
  }

  synchronized void close() {
    deflater.end();
  }
}
