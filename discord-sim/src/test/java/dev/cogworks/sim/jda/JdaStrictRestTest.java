package dev.cogworks.sim.jda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cogworks.sim.DiscordSim;
import dev.cogworks.sim.SandboxSeed;
import dev.cogworks.sim.SimHttp;
import dev.cogworks.sim.SimOptions;
import dev.cogworks.sim.control.SimControl;
import dev.cogworks.sim.model.Permission;
import dev.cogworks.sim.model.PrivilegedIntent;
import dev.cogworks.sim.model.SimBot;
import dev.cogworks.sim.model.SimGuild;
import dev.cogworks.sim.model.SimInteraction;
import dev.cogworks.sim.model.SimMessage;
import dev.cogworks.sim.model.SimRole;
import dev.cogworks.sim.ratelimit.RateLimitDecision.Scope;
import dev.cogworks.sim.ratelimit.RateLimitPolicy;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Icon;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.entities.emoji.RichCustomEmoji;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.utils.Compression;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Real JDA against a strict discord-sim: limits, deferred answers, mentions, emojis")
class JdaStrictRestTest {
  /** A 1×1 PNG, as a bot would upload for an emoji. */
  private static final byte[] PNG =
      Base64.getDecoder()
          .decode(
              "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

  private DiscordSim sim;
  private JDA jda;
  private SimGuild guild;
  private long general;
  private long alice;

  @AfterEach
  void stop() {
    if (jda != null) {
      jda.shutdownNow();
    }
    sim.close();
  }

  /** Defers every slash command; the answers come through the hook in each test. */
  private static final class Defers extends ListenerAdapter {
    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
      event.deferReply().queue();
    }
  }

  private void start(RateLimitPolicy policy, long permissions) throws InterruptedException {
    sim = DiscordSim.start(SimOptions.defaults().withRateLimits(policy));
    guild = SandboxSeed.apply(sim.control());
    general = sim.control().channelByName(guild.id, "general").orElseThrow().id;
    alice = sim.control().userByName("alice").orElseThrow().id;
    SimBot bot = sim.control().createBot("cogworks", null, permissions, PrivilegedIntent.all());
    jda =
        SimJda.builder(sim, bot, Compression.NONE)
            .addEventListeners(new Defers())
            .build()
            .awaitReady();
  }

  private void start() throws InterruptedException {
    start(RateLimitPolicy.discordDefaults(), SimControl.DEFAULT_BOT_PERMISSIONS);
  }

  /** Registers /think, runs it as alice and waits for JDA's deferral. */
  private SimInteraction deferred() {
    jda.getGuildById(guild.id)
        .updateCommands()
        .addCommands(Commands.slash("think", "Defers"))
        .complete();
    SimInteraction interaction = sim.control().runCommand(guild.id, general, alice, "think", null);
    await().atMost(Duration.ofSeconds(5)).until(interaction::acknowledged);
    return interaction;
  }

  private SimMessage stored(long id) {
    return sim.control().messages(general).stream()
        .filter(m -> m.id == id)
        .findFirst()
        .orElseThrow();
  }

  @Test
  @DisplayName(
      "Follow-ups and @original calls are not bound to the global limit: a burst at 1/s global"
          + " gets no global 429")
  void interactionWebhooksAreExemptFromTheGlobalLimit() throws Exception {
    start();
    SimInteraction interaction = deferred();
    sim.setRateLimits(RateLimitPolicy.discordDefaults().withGlobalPerSecond(1));
    InteractionHook hook = InteractionHook.from(jda, interaction.token);

    Message first = hook.sendMessage("filled in").complete();
    Message second = hook.sendMessage("a follow-up").complete();
    hook.editMessageById(second.getIdLong(), "a follow-up, edited").complete();
    Message original = hook.retrieveOriginal().complete();
    hook.editOriginal("filled in, then edited").complete();
    hook.deleteMessageById(second.getIdLong()).complete();

    assertThat(original.getIdLong()).isEqualTo(first.getIdLong());
    assertThat(sim.control().stats().rateLimited(Scope.GLOBAL))
        .as("six requests within a second at a global limit of 1/s")
        .isZero();
    assertThat(stored(first.getIdLong()).content).isEqualTo("filled in, then edited");
  }

  @Test
  @DisplayName(
      "A deferred reply filled in (by a follow-up or by editing @original) shows no edited mark;"
          + " a later edit does")
  void filledInDeferredReplyIsNotEdited() throws Exception {
    start();
    InteractionHook byFollowUp = InteractionHook.from(jda, deferred().token);
    InteractionHook byEdit = InteractionHook.from(jda, deferred().token);

    Message followUp = byFollowUp.sendMessage("the answer").complete();
    Message edited = byEdit.editOriginal("the other answer").complete();
    Message editedAgain = byEdit.editOriginal("corrected").complete();

    assertThat(followUp.getTimeEdited()).isNull();
    assertThat(edited.getTimeEdited()).isNull();
    assertThat(editedAgain.getTimeEdited()).isNotNull();
    assertThat(editedAgain.getIdLong()).isEqualTo(edited.getIdLong());
  }

  @Test
  @DisplayName(
      "JDA's default mentions ping @everyone, roles and users; a bot that restricts them pings no"
          + " one")
  void defaultMentionsPingEveryoneRolesAndUsers() throws Exception {
    start();
    SimRole team = sim.control().createRole(guild.id, "team", 0, 1);
    team.mentionable = true;
    TextChannel channel = jda.getTextChannelById(general);
    String content = "@everyone <@&" + team.id + "> <@" + alice + ">";

    Message loud = channel.sendMessage(content).complete();
    Message quiet = channel.sendMessage(content).setAllowedMentions(List.of()).complete();

    assertThat(loud.getMentions().mentionsEveryone()).isTrue();
    assertThat(loud.getMentions().getUsers()).extracting(u -> u.getIdLong()).containsExactly(alice);
    SimMessage loudStored = stored(loud.getIdLong());
    assertThat(loudStored.mentionEveryone).isTrue();
    assertThat(loudStored.mentionRoles).extracting(n -> n.asLong()).containsExactly(team.id);
    assertThat(quiet.getMentions().mentionsEveryone()).isFalse();
    SimMessage quietStored = stored(quiet.getIdLong());
    assertThat(quietStored.mentions).isEmpty();
    assertThat(quietStored.mentionRoles).isEmpty();
  }

  @Test
  @DisplayName(
      "A role that is not mentionable is pinged only by an author with Mention Everyone;"
          + " @everyone too")
  void mentionEveryonePermissionIsNeeded() throws Exception {
    start(RateLimitPolicy.discordDefaults(), SimControl.DEFAULT_BOT_PERMISSIONS);
    // Take Mention Everyone from @everyone, the only source of it for this bot.
    sim.control().state().guilds.get(guild.id).everyone().permissions &=
        ~Permission.MENTION_EVERYONE;
    SimRole quietRole = sim.control().createRole(guild.id, "staff", 0, 1);
    TextChannel channel = jda.getTextChannelById(general);

    Message sent = channel.sendMessage("@here <@&" + quietRole.id + ">").complete();

    SimMessage stored = stored(sent.getIdLong());
    assertThat(stored.mentionEveryone).isFalse();
    assertThat(stored.mentionRoles).isEmpty();
  }

  @Test
  @DisplayName("Past the daily command creates (200 per guild on Discord) JDA gets 30034")
  void dailyCommandCreates() throws Exception {
    start(
        RateLimitPolicy.discordDefaults()
            .scaled(0.01)
            .withRoute(RateLimitPolicy.COMMAND_CREATES, 2, Duration.ofDays(1)),
        SimControl.DEFAULT_BOT_PERMISSIONS);
    Guild jdaGuild = jda.getGuildById(guild.id);
    jdaGuild.upsertCommand("one", "One").complete();
    jdaGuild.upsertCommand("two", "Two").complete();

    assertThatThrownBy(() -> jdaGuild.upsertCommand("three", "Three").complete())
        .isInstanceOfSatisfying(
            ErrorResponseException.class, e -> assertThat(e.getErrorCode()).isEqualTo(30034));
    assertThat(
            jdaGuild
                .updateCommands()
                .addCommands(Commands.slash("one", "One, again"), Commands.slash("two", "Two"))
                .complete())
        .as("updating existing commands creates none")
        .hasSize(2);
    assertThat(RateLimitPolicy.discordDefaults().forRoute(RateLimitPolicy.COMMAND_CREATES).limit())
        .isEqualTo(200);
  }

  @Test
  @DisplayName(
      "JDA creates, renames and deletes an emoji; a bot without Manage Expressions is 50013")
  void emojiWrites() throws Exception {
    start(
        RateLimitPolicy.discordDefaults(),
        SimControl.DEFAULT_BOT_PERMISSIONS
            | Permission.MANAGE_GUILD_EXPRESSIONS
            | Permission.CREATE_GUILD_EXPRESSIONS);
    Guild jdaGuild = jda.getGuildById(guild.id);

    RichCustomEmoji wave = jdaGuild.createEmoji("wave", Icon.from(PNG)).complete();
    wave.getManager().setName("hello").complete();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> !jdaGuild.getEmojisByName("hello", false).isEmpty());
    jdaGuild.getEmojisByName("hello", false).get(0).delete().complete();

    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> jdaGuild.getEmojisByName("hello", false).isEmpty());
    assertThat(sim.control().state().guilds.get(guild.id).emojis.values())
        .extracting(e -> e.name())
        .doesNotContain("wave", "hello");
    SimBot plain = sim.control().createBot("plain", PrivilegedIntent.all());
    SimHttp plainHttp = new SimHttp(sim, plain.token);
    SimHttp.Answer refused =
        plainHttp.post(
            "guilds/" + guild.id + "/emojis",
            "{\"name\":\"nope\",\"image\":\"data:image/png;base64,iVBORw0KGgo=\"}");
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().path("code").asInt()).isEqualTo(50013);
  }
}
