package dev.cogworks.music;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.http.conn.DnsResolver;

/**
 * Where the bot may fetch audio from: {@code music.http} host lists, and never a private, loopback
 * or link-local address unless the host is allowed to resolve to one ({@code
 * http.allow_private_hosts}: a host, any port; or {@code host:port}, that origin only, as the
 * sandbox allows its own server). The address check runs after DNS resolution, for every connection
 * the HTTP client opens, so a redirect (or a name that resolves to 10.0.0.5) is checked like the
 * first URL; the port of a {@code host:port} entry is checked as the socket is opened.
 */
final class UrlGuard implements DnsResolver {
  /** How names become addresses: the system resolver, or a test's. */
  @FunctionalInterface
  interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  /** A host or address the bot refuses to connect to; the message says why, for people. */
  static final class Refused extends UnknownHostException {
    Refused(String message) {
      super(message);
    }
  }

  private final MusicConfig config;
  private final Resolver resolver;

  /** Hosts allowed to be private, each with its allowed ports (empty: any port). */
  private final Map<String, Set<Integer>> privateAllowed = new HashMap<>();

  UrlGuard(MusicConfig config, Resolver resolver) {
    this.config = config;
    this.resolver = resolver;
    for (String entry : config.allowPrivateHosts()) {
      Matcher origin = ORIGIN.matcher(entry);
      if (origin.matches()) {
        privateAllowed
            .computeIfAbsent(bare(origin.group(1)), h -> new HashSet<>())
            .add(Integer.parseInt(origin.group(2)));
      } else {
        // A bare host allows every port, whatever else names it.
        privateAllowed.put(bare(entry), new HashSet<>());
      }
    }
  }

  /** {@code host:port} or {@code [v6]:port}; a bare IPv6 address has colons but no brackets. */
  private static final Pattern ORIGIN = Pattern.compile("(\\[[^\\]]+\\]|[^:\\[\\]]+):(\\d{1,5})");

  /** Why {@code url} is refused before any connection, if it is. */
  Optional<String> refusal(String url) {
    URI uri;
    try {
      uri = URI.create(url.trim());
    } catch (IllegalArgumentException e) {
      return Optional.of("that is not a valid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return Optional.of("only http and https URLs are played");
    }
    if (uri.getHost() == null) {
      return Optional.of("that URL has no host");
    }
    return hostRefusal(uri.getHost());
  }

  private Optional<String> hostRefusal(String rawHost) {
    String host = bare(rawHost);
    if (config.denyHosts().contains(host)) {
      return Optional.of(host + " is not allowed here");
    }
    if (!config.allowHosts().isEmpty() && !config.allowHosts().contains(host)) {
      return Optional.of(host + " is not on this bot's list of allowed hosts");
    }
    return Optional.empty();
  }

  @Override
  public InetAddress[] resolve(String rawHost) throws UnknownHostException {
    Optional<String> refused = hostRefusal(rawHost);
    if (refused.isPresent()) {
      throw new Refused(refused.get());
    }
    String host = bare(rawHost);
    InetAddress[] addresses = resolver.resolve(host);
    if (!privateAllowed.containsKey(host)) {
      for (InetAddress address : addresses) {
        if (isPrivate(address)) {
          throw new Refused(
              host + " leads to a private or local address, which this bot does not fetch from");
        }
      }
    }
    return addresses;
  }

  /**
   * Checks the port of a connection about to be opened to {@code remote} for {@code rawHost}: a
   * private address allowed only for some ports of its host ({@code host:port}) is refused on any
   * other.
   */
  void checkConnection(String rawHost, InetSocketAddress remote) throws Refused {
    if (remote.getAddress() == null || !isPrivate(remote.getAddress())) {
      return;
    }
    String host = bare(rawHost);
    Set<Integer> ports = privateAllowed.get(host);
    if (ports == null || (!ports.isEmpty() && !ports.contains(remote.getPort()))) {
      throw new Refused(
          host
              + ":"
              + remote.getPort()
              + " leads to a private or local address, which this bot does not fetch from");
    }
  }

  private static String bare(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
  }

  /** Loopback, private (RFC 1918, fc00::/7), link-local, carrier-grade NAT, any, multicast. */
  static boolean isPrivate(InetAddress address) {
    if (address.isLoopbackAddress()
        || address.isSiteLocalAddress()
        || address.isLinkLocalAddress()
        || address.isAnyLocalAddress()
        || address.isMulticastAddress()) {
      return true;
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      return first == 0 || (first == 100 && second >= 64 && second < 128);
    }
    if (address instanceof Inet6Address) {
      return (b[0] & 0xfe) == 0xfc;
    }
    return false;
  }
}
