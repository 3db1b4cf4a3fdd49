package dev.cogworks.sim.jda;

import com.neovisionaries.ws.client.WebSocketFactory;
import dev.cogworks.sim.DiscordSim;
import dev.cogworks.sim.model.SimBot;
import java.util.EnumSet;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.ConcurrentSessionController;
import net.dv8tion.jda.api.utils.MemberCachePolicy;

/** Logs real JDA into a simulator with only the settings the simulator needs changed. */
public final class SimJda {
  public static final EnumSet<GatewayIntent> INTENTS =
      EnumSet.of(
          GatewayIntent.GUILD_MESSAGES,
          GatewayIntent.MESSAGE_CONTENT,
          GatewayIntent.GUILD_MEMBERS,
          GatewayIntent.GUILD_EXPRESSIONS);

  private SimJda() {}

  /** A session controller whose gateway is the simulator's. */
  public static final class SimSessionController extends ConcurrentSessionController {
    private final String gateway;

    public SimSessionController(String gateway) {
      this.gateway = gateway;
    }

    @Override
    public String getGateway() {
      return gateway;
    }
  }

  public static JDABuilder builder(DiscordSim sim, SimBot bot, Compression compression) {
    return JDABuilder.create(bot.token, INTENTS)
        .setRestConfig(new RestConfig().setBaseUrl(sim.restBaseUrl()))
        .setWebsocketFactory(
            new WebSocketFactory()
                .setConnectionTimeout(10_000)
                .setSSLContext(sim.voiceSslContext()))
        .setSessionController(new SimSessionController(sim.gatewayUrl()))
        .setCompression(compression)
        .setMemberCachePolicy(MemberCachePolicy.ALL);
  }

  public static JDA login(DiscordSim sim, SimBot bot, Compression compression)
      throws InterruptedException {
    return builder(sim, bot, compression).build().awaitReady();
  }
}
