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
 * URL, each redirect, each range request while playing. It counts the connections it opens, so a
 * test can tell that a refused address was never contacted.
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
                                    .register("http", new Counted(this.connections))
                                    .register(
                                        "https", SSLConnectionSocketFactory.getSocketFactory())
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

  /** Plain HTTP connections opened so far. */
  long connections() {
    return connections.get();
  }

  /** Counts connections; only reached for addresses the guard let through. */
  private static final class Counted implements ConnectionSocketFactory {
    private final AtomicLong count;
    private final PlainConnectionSocketFactory plain =
        PlainConnectionSocketFactory.getSocketFactory();

    Counted(AtomicLong count) {
      this.count = count;
    }

    @Override
    public Socket createSocket(HttpContext context) throws IOException {
      return plain.createSocket(context);
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
      count.incrementAndGet();
      return plain.connectSocket(timeout, socket, host, remote, local, context);
    }
  }
}
