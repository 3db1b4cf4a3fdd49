package dev.cogworks.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogworks.api.Cog;
import dev.cogworks.api.CogApi;
import dev.cogworks.core.internal.cog.CogLoader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Plugin cogs: a jar dropped into plugins/ is found, configured and served")
class PluginCogTest {
  private static final String SOURCE =
      """
      package greeter;

      import dev.cogworks.api.CogHelper;
      import dev.cogworks.api.command.CommandSpec;
      import dev.cogworks.api.conversation.AnswerStream;
      import dev.cogworks.api.conversation.Assistant;
      import dev.cogworks.api.conversation.AssistantRequest;
      import java.util.List;

      public final class GreeterCog extends CogHelper implements Assistant {
        @Override public String name() { return "greeter"; }

        @Override public List<Assistant> assistants() { return List.of(this); }

        @Override public String answer(AssistantRequest request, AnswerStream stream) {
          return "The greeter heard: " + request.message();
        }

        @Override public List<CommandSpec> commands() {
          return List.of(CommandSpec.builder("greet", "Say hello")
              .handler(inv -> inv.reply(context().config().getString("greeting")))
              .build());
        }
      }
      """;

  @TempDir Path work;
  private PlatformHarness bot;

  @AfterEach
  void stop() {
    if (bot != null) {
      bot.stop();
    }
  }

  @Test
  @DisplayName("A cog compiled into a jar in a temporary plugins folder loads and answers")
  void loadsPluginJar() throws Exception {
    Path plugins = Files.createDirectories(work.resolve("plugins"));
    buildPluginJar(plugins.resolve("greeter.jar"), CogApi.VERSION);

    ClassLoader loader = CogLoader.pluginClassLoader(plugins, getClass().getClassLoader());
    List<Cog> found = CogLoader.discover(loader);
    assertThat(found).extracting(Cog::name).contains("greeter");

    bot = PlatformHarness.with(found.toArray(Cog[]::new)).classLoader(loader);
    bot.start();
    bot.post("alice", "general", "!greet");

    bot.awaitReply("general", "Hello from a plugin");
    assertThat(bot.bot().cogs().running()).extracting(Cog::name).contains("greeter");
  }

  @Test
  @DisplayName("A plugin jar's assistant answers `ask` when conversation.assistant names it")
  void pluginAssistant() throws Exception {
    Path plugins = Files.createDirectories(work.resolve("plugins"));
    buildPluginJar(plugins.resolve("greeter.jar"), CogApi.VERSION);
    ClassLoader loader = CogLoader.pluginClassLoader(plugins, getClass().getClassLoader());

    bot =
        PlatformHarness.with(CogLoader.discover(loader).toArray(Cog[]::new))
            .classLoader(loader)
            .config("conversation.assistant", "greeter");
    bot.start();
    bot.post("alice", "general", "!ask are you there?");

    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(20))
        .until(
            () ->
                bot.botMessages("general").stream()
                    .anyMatch(m -> m.content.equals("The greeter heard: are you there?")));
  }

  @Test
  @DisplayName("A plugin built against another API version is refused at load, saying so")
  void refusesAnotherApiVersion() throws Exception {
    Path plugins = Files.createDirectories(work.resolve("plugins"));
    buildPluginJar(plugins.resolve("greeter.jar"), CogApi.VERSION + 1);

    ClassLoader loader = CogLoader.pluginClassLoader(plugins, getClass().getClassLoader());
    bot = PlatformHarness.with(CogLoader.discover(loader).toArray(Cog[]::new)).classLoader(loader);
    bot.start();

    assertThat(bot.bot().cogs().running()).extracting(Cog::name).doesNotContain("greeter");
    assertThat(bot.bot().cogs().failed().get("greeter"))
        .contains("built against Cogworks API " + (CogApi.VERSION + 1))
        .contains("rebuild the plugin against bot-api " + CogApi.VERSION);
    bot.post("alice", "general", "!ping");
    bot.awaitReply("general", "Pong!");
  }

  private void buildPluginJar(Path jar, int apiVersion) throws IOException {
    Path src = Files.createDirectories(work.resolve("src/greeter"));
    Files.writeString(src.resolve("GreeterCog.java"), SOURCE);
    Path classes = Files.createDirectories(work.resolve("classes"));
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    int status =
        compiler.run(
            null,
            null,
            null,
            "-classpath",
            System.getProperty("java.class.path"),
            "--release",
            "17",
            "-d",
            classes.toString(),
            src.resolve("GreeterCog.java").toString());
    assertThat(status).as("plugin compiles").isZero();
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().putValue(CogApi.MANIFEST_ATTRIBUTE, Integer.toString(apiVersion));
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
        Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
        Files.copy(file, out);
        out.closeEntry();
      }
      write(out, "META-INF/services/dev.cogworks.api.Cog", "greeter.GreeterCog\n");
      write(
          out,
          "reference.conf",
          "greeter {\n  # What greet says.\n  greeting = \"Hello from a plugin\"\n}\n");
    }
  }

  private static void write(JarOutputStream out, String name, String content) throws IOException {
    out.putNextEntry(new JarEntry(name));
    OutputStream stream = out;
    stream.write(content.getBytes(StandardCharsets.UTF_8));
    out.closeEntry();
  }
}
