package dev.cogworks.music;

import com.sedmelluq.discord.lavaplayer.container.MediaContainerRegistry;
import com.sedmelluq.discord.lavaplayer.source.http.HttpAudioSourceManager;
import com.sedmelluq.discord.lavaplayer.tools.http.ExtendedHttpClientBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.http.HttpHost;
import org.apache.http.config.RegistryBuilder;
import org.apache.http.conn.socket.ConnectionSocketFactory;
import org.apache.http.conn.socket.PlainConnectionSocketFactory;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;
import org.apache.http.impl.conn.DefaultHttpClientConnectionOperator;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;
import org.apache.http.protocol.HttpContext;

/**
 * LavaPlayer's HTTP source with every connection resolved through the {@link UrlGuard}: the first
 * URL, each redirect, each range request while playing, with the port checked as each socket opens.
 * It counts the connections it opens, so a test can tell that a refused address was never
 * contacted.
 */
final class HttpSource {
  private final HttpAudioSourceManager manager;
  private final AtomicLong connections = new AtomicLong();

  HttpSource(UrlGuard guard) {
    manager = new HttpAudioSourceManager(MediaContainerRegistry.DEFAULT_REGISTRY);
    manager.configureBuilder(
        builder ->
            ((ExtendedHttpClientBuilder) builder)
                .setConnectionManagerFactory(
                    (ignored, connections) ->
                        new PoolingHttpClientConnectionManager(
                            new DefaultHttpClientConnectionOperator(
                                RegistryBuilder.<ConnectionSocketFactory>create()
                                    .register(
                                        "http",
                                        new Guarded(
                                            PlainConnectionSocketFactory.getSocketFactory(),
                                            guard,
                                            this.connections))
                                    .register(
                                        "https",
                                        new Guarded(
                                            SSLConnectionSocketFactory.getSocketFactory(),
                                            guard,
                                            this.connections))
                                    .build(),
                                null,
                                guard),
                            connections,
                            -1,
                            TimeUnit.MILLISECONDS)));
  }

  HttpAudioSourceManager manager() {
    return manager;
  }

  /** Connections opened so far (HTTP and HTTPS). */
  long connections() {
    return connections.get();
  }

  /**
   * Opens sockets the guard let through: the address was checked when it was resolved; the port is
   * checked here, before connecting, and only then is the connection counted.
   */
  private static final class Guarded implements ConnectionSocketFactory {
    private final ConnectionSocketFactory delegate;
    private final UrlGuard guard;
    private final AtomicLong count;

    Guarded(ConnectionSocketFactory delegate, UrlGuard guard, AtomicLong count) {
      this.delegate = delegate;
      this.guard = guard;
      this.count = count;
    }

    @Override
    public Socket createSocket(HttpContext context) throws IOException {
      return delegate.createSocket(context);
    }

    @Override
    public Socket connectSocket(
        int timeout,
        Socket socket,
        HttpHost host,
        InetSocketAddress remote,
        InetSocketAddress local,
        HttpContext context)
        throws IOException {
      guard.checkConnection(host.getHostName(), remote);
      count.incrementAndGet();
      return delegate.connectSocket(timeout, socket, host, remote, local, context);
    }
  }
}
