package dev.cogworks.sim.control;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Links the chat page shows in its header, set by whoever runs the simulator: the simulator cannot
 * know what else runs beside it (the Cogworks sandbox adds its bot's queue monitor). Only absolute
 * http(s) addresses, so a link can never run script in the chat page.
 */
public final class PageLinks {
  /** One link: what the page shows, and where it goes. */
  public record Link(String label, String url) {}

  private final Map<String, String> links = new LinkedHashMap<>();

  /** Adds a link, or points an existing label elsewhere; shown in the order first added. */
  public synchronized void put(String label, String url) {
    if (label == null || label.isBlank()) {
      throw new ControlException("label is required: the text the chat page shows");
    }
    links.put(label.strip(), checked(url));
  }

  public synchronized boolean remove(String label) {
    return links.remove(label) != null;
  }

  public synchronized void clear() {
    links.clear();
  }

  public synchronized List<Link> list() {
    List<Link> list = new ArrayList<>();
    links.forEach((label, url) -> list.add(new Link(label, url)));
    return list;
  }

  private static String checked(String url) {
    try {
      URI uri = new URI(url == null ? "" : url.strip());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return uri.toString();
      }
    } catch (URISyntaxException e) {
      // answered below
    }
    throw new ControlException("url must be an absolute http(s) address, not \"" + url + "\"");
  }
}
