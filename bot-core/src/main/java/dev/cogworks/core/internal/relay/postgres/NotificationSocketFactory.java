package dev.cogworks.core.internal.relay.postgres;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import javax.net.SocketFactory;

/**
 * Sockets for the LISTEN connections, given to pgjdbc through its {@code socketFactory} property.
 *
 * <p>Why: after reading a notification, pgjdbc's {@code getNotifications} asks whether more are
 * pending by reading with a 1 ms socket timeout ({@code PGStream.hasMessagePending}), and that read
 * waits out the full millisecond whenever nothing more came, which is nearly always. A request
 * crosses two notifications (bot to worker, worker to bot), so this cost about 2.2 ms of the
 * gateway's added latency. These sockets answer such a 1 ms read at once when the kernel holds no
 * bytes, as if the millisecond had passed. A notification arriving just then is not lost: it waits
 * in the socket for the next {@code getNotifications}, which returns with it at once. Every other
 * read, and every read with another timeout, goes to the socket unchanged.
 */
public final class NotificationSocketFactory extends SocketFactory {
  /** pgjdbc instantiates it by name. */
  public NotificationSocketFactory() {}

  @Override
  public Socket createSocket() {
    return new PeekingSocket();
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return createSocket(InetAddress.getByName(host), port);
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return createSocket(InetAddress.getByName(host), port, localHost, localPort);
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port), null);
  }

  @Override
  public Socket createSocket(InetAddress host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return connected(
        new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
  }

  private static Socket connected(InetSocketAddress remote, InetSocketAddress local)
      throws IOException {
    Socket socket = new PeekingSocket();
    if (local != null) {
      socket.bind(local);
    }
    socket.connect(remote);
    return socket;
  }

  /** The timeout pgjdbc sets for its "anything more?" peek. */
  static final int PEEK_TIMEOUT_MILLIS = 1;

  static final class PeekingSocket extends Socket {
    private volatile int timeout;
    private InputStream input;

    @Override
    public synchronized void setSoTimeout(int timeout) throws SocketException {
      super.setSoTimeout(timeout);
      this.timeout = timeout;
    }

    @Override
    public synchronized InputStream getInputStream() throws IOException {
      if (input == null) {
        InputStream raw = super.getInputStream();
        input =
            new FilterInputStream(raw) {
              @Override
              public int read() throws IOException {
                nothingPending(raw);
                return super.read();
              }

              @Override
              public int read(byte[] buffer, int offset, int length) throws IOException {
                nothingPending(raw);
                return super.read(buffer, offset, length);
              }
            };
      }
      return input;
    }

    private void nothingPending(InputStream raw) throws IOException {
      if (timeout == PEEK_TIMEOUT_MILLIS && raw.available() == 0) {
        throw new SocketTimeoutException("no bytes pending");
      }
    }
  }
}
