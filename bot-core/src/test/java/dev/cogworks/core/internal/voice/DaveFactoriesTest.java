package dev.cogworks.core.internal.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import net.dv8tion.jda.api.audio.dave.DaveProtocolCallbacks;
import net.dv8tion.jda.api.audio.dave.DaveSession;
import net.dv8tion.jda.api.audio.dave.DaveSessionFactory;
import net.dv8tion.jda.api.audio.dave.PassthroughDaveSessionFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("discord.voice.dave picks the DAVE implementation")
class DaveFactoriesTest {
  /** A DAVE implementation as a plugin would bring one: passthrough underneath, counted. */
  public static final class TestDaveFactory implements DaveSessionFactory {
    static volatile int sessions;

    @Override
    public DaveSession createDaveSession(DaveProtocolCallbacks callbacks, long user, long channel) {
      sessions++;
      return new PassthroughDaveSessionFactory().createDaveSession(callbacks, user, channel);
    }
  }

  @Test
  @DisplayName("auto with nothing on the classpath: passthrough")
  void autoWithoutImplementation() {
    assertThat(DaveFactories.select("auto", getClass().getClassLoader()))
        .isInstanceOf(PassthroughDaveSessionFactory.class);
  }

  @Test
  @DisplayName("auto finds a factory a plugin jar declares as a service")
  void autoFindsAService(@TempDir Path plugin) throws Exception {
    Path services = plugin.resolve("META-INF/services");
    Files.createDirectories(services);
    Files.writeString(
        services.resolve(DaveSessionFactory.class.getName()), TestDaveFactory.class.getName());
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {plugin.toUri().toURL()}, getClass().getClassLoader())) {
      assertThat(DaveFactories.select("auto", loader)).isInstanceOf(TestDaveFactory.class);
    }
  }

  @Test
  @DisplayName("a class name is made with its no-argument constructor")
  void byClassName() {
    assertThat(DaveFactories.select(TestDaveFactory.class.getName(), getClass().getClassLoader()))
        .isInstanceOf(TestDaveFactory.class);
    assertThat(DaveFactories.select("passthrough", getClass().getClassLoader()))
        .isInstanceOf(PassthroughDaveSessionFactory.class);
  }

  @Test
  @DisplayName("a class that is missing or not a factory is an error naming the key")
  void badClassName() {
    assertThatThrownBy(() -> DaveFactories.select("com.example.Nope", getClass().getClassLoader()))
        .hasMessageContaining("discord.voice.dave = com.example.Nope");
    assertThatThrownBy(() -> DaveFactories.select("java.lang.Object", getClass().getClassLoader()))
        .hasMessageContaining("is not a");
  }
}
