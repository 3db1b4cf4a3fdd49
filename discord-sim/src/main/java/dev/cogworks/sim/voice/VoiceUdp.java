package dev.cogworks.sim.voice;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The voice server's UDP side: IP discovery (74 bytes each way, as Discord), keep-alives, and RTP
 * packets opened with the session's key and counted by {@link VoiceStream}. Anything else — JDA's
 * zero-length idle datagrams, its one 2048-byte zero buffer before the first frame — is counted as
 * ignored, never as audio.
 */
final class VoiceUdp implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(VoiceUdp.class);
  static final int DISCOVERY_LENGTH = 74;
  private static final int RTP_HEADER = 12;
  private static final int RTP_PAYLOAD_TYPE = 0x78;

  /** What the UDP side needs from the server: sessions by SSRC and where decoded audio goes. */
  interface Sink {
    /** Whether to decode this packet (a sampled frame, or someone is listening). */
    boolean wantsPcm(VoiceSession session, long packetIndex);

    void pcm(VoiceSession session, short[] frame);
  }

  private final DatagramSocket socket;
  private final IntFunction<VoiceSession> sessions;
  private final Sink sink;
  private final Thread receiver;
  final AtomicLong discoveries = new AtomicLong();
  final AtomicLong keepAlives = new AtomicLong();
  final AtomicLong ignored = new AtomicLong();
  final AtomicLong unknownSsrc = new AtomicLong();

  VoiceUdp(InetAddress host, IntFunction<VoiceSession> sessions, Sink sink) {
    try {
      this.socket = new DatagramSocket(new InetSocketAddress(host, 0));
      // Bursts of a few streams must not overflow the kernel's default buffer.
      socket.setReceiveBufferSize(1 << 20);
    } catch (SocketException e) {
      throw new IllegalStateException("cannot open the voice UDP socket", e);
    }
    this.sessions = sessions;
    this.sink = sink;
    this.receiver = new Thread(this::receive, "discord-sim-voice-udp");
    receiver.setDaemon(true);
    receiver.start();
  }

  int port() {
    return socket.getLocalPort();
  }

  private void receive() {
    byte[] buffer = new byte[4096];
    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
    while (!socket.isClosed()) {
      try {
        packet.setLength(buffer.length);
        socket.receive(packet);
        handle(packet);
      } catch (IOException e) {
        if (!socket.isClosed()) {
          log.debug("voice UDP receive failed: {}", e.toString());
        }
      } catch (RuntimeException e) {
        log.warn("voice UDP packet failed", e);
      }
    }
  }

  private void handle(DatagramPacket packet) throws IOException {
    byte[] data = packet.getData();
    int length = packet.getLength();
    if (length == DISCOVERY_LENGTH && data[0] == 0 && data[1] == 1) {
      discover(packet);
    } else if (length == 9 && (data[0] & 0xFF) == 0xC9) {
      keepAlives.incrementAndGet();
    } else if (length >= RTP_HEADER
        && (data[0] & 0xC0) == 0x80
        && (data[1] & 0x7F) == RTP_PAYLOAD_TYPE) {
      rtp(data, length);
    } else {
      ignored.incrementAndGet();
    }
  }

  /**
   * Request: type 1, length 70, SSRC, 66 zero bytes. Response: type 2, length 70, SSRC, the
   * sender's address as NUL-padded ASCII in 64 bytes, its port as a big-endian u16.
   */
  private void discover(DatagramPacket request) throws IOException {
    ByteBuffer in = ByteBuffer.wrap(request.getData(), 0, DISCOVERY_LENGTH);
    in.getShort();
    int declared = in.getShort() & 0xFFFF;
    int ssrc = in.getInt();
    if (declared != 70 || sessions.apply(ssrc) == null) {
      ignored.incrementAndGet();
      return;
    }
    discoveries.incrementAndGet();
    ByteBuffer out = ByteBuffer.allocate(DISCOVERY_LENGTH);
    out.putShort((short) 2).putShort((short) 70).putInt(ssrc);
    byte[] address = request.getAddress().getHostAddress().getBytes(StandardCharsets.US_ASCII);
    out.put(Arrays.copyOf(address, 64));
    out.putShort((short) request.getPort());
    socket.send(
        new DatagramPacket(out.array(), DISCOVERY_LENGTH, request.getAddress(), request.getPort()));
  }

  private void rtp(byte[] data, int length) {
    ByteBuffer in = ByteBuffer.wrap(data, 0, length);
    int first = in.get() & 0xFF;
    in.get();
    int sequence = in.getShort() & 0xFFFF;
    long timestamp = in.getInt() & 0xFFFFFFFFL;
    int ssrc = in.getInt();
    VoiceSession session = sessions.apply(ssrc);
    VoiceStream stream = session == null ? null : session.stream;
    if (stream == null || session.cipher == null) {
      unknownSsrc.incrementAndGet();
      return;
    }
    // "RTP size" modes leave the CSRCs and the extension's 4-byte preamble unencrypted.
    int header = RTP_HEADER + 4 * (first & 0x0F);
    boolean extension = (first & 0x10) != 0;
    int extensionWords = 0;
    if (extension) {
      if (length < header + 4) {
        stream.decryptFailed();
        return;
      }
      extensionWords = ((data[header + 2] & 0xFF) << 8) | (data[header + 3] & 0xFF);
      header += 4;
    }
    byte[] payload;
    try {
      payload = session.cipher.open(session.secretKey, data, length, header);
    } catch (GeneralSecurityException e) {
      stream.decryptFailed();
      return;
    }
    int skip = extensionWords * 4;
    if (skip > payload.length) {
      stream.decryptFailed();
      return;
    }
    byte[] opus = skip == 0 ? payload : Arrays.copyOfRange(payload, skip, payload.length);
    long index = stream.packets();
    short[] pcm = stream.frame(sequence, timestamp, opus, sink.wantsPcm(session, index));
    if (pcm != null) {
      sink.pcm(session, pcm);
    }
  }

  @Override
  public void close() {
    socket.close();
  }
}
