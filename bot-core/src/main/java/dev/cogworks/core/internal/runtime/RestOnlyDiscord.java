package dev.cogworks.core.internal.runtime;

import dev.cogworks.core.internal.config.CogworksConfig;
import dev.cogworks.core.internal.messaging.BucketObserver;
import dev.cogworks.core.internal.messaging.PacedRateLimiter;
import dev.cogworks.core.internal.messaging.RequestPacer;
import java.util.EnumSet;
import java.util.function.Consumer;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.ApplicationInfo;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.ConcurrentSessionController;
import net.dv8tion.jda.internal.JDAImpl;
import net.dv8tion.jda.internal.entities.SelfUserImpl;
import net.dv8tion.jda.internal.utils.IOUtil;
import net.dv8tion.jda.internal.utils.config.AuthorizationConfig;
import net.dv8tion.jda.internal.utils.config.SessionConfig;
import net.dv8tion.jda.internal.utils.config.ThreadingConfig;
import net.dv8tion.jda.internal.utils.config.flags.ConfigFlag;

/**
 * A JDA that talks to Discord over REST only: no gateway session, so it spends none of the token's
 * daily session starts and receives no events. A gateway worker runs every request through it.
 *
 * <p>Why a {@link JDAImpl} built as {@code JDABuilder.build()} builds one, minus {@code login}'s
 * last step (opening the WebSocket): JDA 6.5 has no REST-only mode, and this keeps everything a
 * request needs from JDA unchanged — its {@code Requester} with Discord's per-route buckets and 429
 * handling, our {@link PacedRateLimiter} (the global budget shared through the engine), the request
 * builders ({@code MessageCreateAction}, {@code InteractionHook}, the webhook client) and the
 * answer parsing. The alternatives were worse: writing each route's JSON by hand would be a second
 * copy of what the bot's own JDA sends (STYLE #13), and JDA's "detached" entities refuse to send
 * messages. What a JDA without a gateway cannot do is read its cache (it has no guilds and no
 * channels): {@code RequestExecutor} addresses message routes by channel id alone and reads guild
 * state over REST ({@code RestGuildCalls}). Its status stays {@code INITIALIZED}: it never
 * connects, and JDA's REST path does not look at it.
 */
final class RestOnlyDiscord {
  private RestOnlyDiscord() {}

  /**
   * Checks the token ({@code GET /users/@me}, as {@code login} would) and learns the application id
   * ({@code GET /oauth2/applications/@me}; JDA reads it from READY otherwise), which interaction
   * follow-ups are addressed by.
   */
  static JDA connect(
      CogworksConfig.Discord discord,
      RequestPacer pacer,
      Consumer<String> rateLimited,
      BucketObserver buckets) {
    String base =
        discord.restUrl().isBlank()
            ? null
            : discord.restUrl().endsWith("/") ? discord.restUrl() : discord.restUrl() + "/";
    RestConfig rest =
        new RestConfig()
            .setRateLimiterFactory(c -> new PacedRateLimiter(c, pacer, rateLimited, buckets));
    if (base != null) {
      rest.setBaseUrl(base);
    }
    // As the bot's connection: nothing a request sends pings anyone unless it says so.
    net.dv8tion.jda.api.utils.messages.MessageRequest.setDefaultMentions(
        EnumSet.noneOf(Message.MentionType.class));
    SessionConfig session =
        new SessionConfig(
            new ConcurrentSessionController(),
            IOUtil.newHttpClientBuilder().build(),
            null,
            null,
            ConfigFlag.getDefault(),
            900,
            250);
    ThreadingConfig threads = new ThreadingConfig();
    JDAImpl jda =
        new JDAImpl(new AuthorizationConfig(discord.token()), session, threads, null, rest, null);
    jda.setStatus(JDA.Status.INITIALIZED);
    threads.init(jda::getIdentifierString);
    jda.initRequester();
    jda.verifyToken(); // shuts the JDA down and throws when the token is refused
    try {
      ApplicationInfo application = jda.retrieveApplicationInfo().complete();
      ((SelfUserImpl) jda.getSelfUser()).setApplicationId(application.getIdLong());
    } catch (RuntimeException e) {
      jda.shutdownNow();
      throw e;
    }
    return jda;
  }
}
