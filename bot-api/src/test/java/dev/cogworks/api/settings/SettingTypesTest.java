package dev.cogworks.api.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The value types without a server: parsing what admins type, defaults, storage round trips. */
class SettingTypesTest {
  private static final Config DEFAULTS =
      ConfigFactory.parseString(
          "on = true, n = 7, big = 99, p = 0.05, word = calm, t = \"Diary\", one = \"!\","
              + " many = [\"!\", \"?\"], ids = [\"123456789012345678\"], role = \"\"");

  @Test
  @DisplayName("Switches take true/false and the usual synonyms, and nothing else")
  void bool() {
    SettingType<Boolean> type = SettingTypes.bool();
    assertThat(type.parse("on", null)).isTrue();
    assertThat(type.parse(" No ", null)).isFalse();
    assertThat(type.decode(type.encode(true))).isTrue();
    assertThat(type.fromConfig(DEFAULTS, "on")).isTrue();
    assertThatThrownBy(() -> type.parse("maybe", null))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessage("must be true or false");
  }

  @Test
  @DisplayName("Whole numbers keep to their range, typed or as a default")
  void integer() {
    SettingType<Long> type = SettingTypes.integer(1, 50);
    assertThat(type.parse(" 12 ", null)).isEqualTo(12L);
    assertThat(type.fromConfig(DEFAULTS, "n")).isEqualTo(7L);
    assertThatThrownBy(() -> type.parse("51", null))
        .hasMessage("must be a whole number from 1 to 50");
    assertThatThrownBy(() -> type.parse("1.5", null))
        .hasMessage("must be a whole number from 1 to 50");
    assertThatThrownBy(() -> type.fromConfig(DEFAULTS, "big"))
        .isInstanceOf(InvalidSettingException.class);
  }

  @Test
  @DisplayName("Decimals keep to their range, fractions allowed, typed or as a default")
  void decimal() {
    SettingType<Double> type = SettingTypes.decimal(0, 1);
    assertThat(type.parse(" 0.25 ", null)).isEqualTo(0.25);
    assertThat(type.parse("1", null)).isEqualTo(1.0);
    assertThat(type.fromConfig(DEFAULTS, "p")).isEqualTo(0.05);
    assertThat(type.decode(type.encode(0.05))).isEqualTo(0.05);
    assertThat(type.display(0.5)).isEqualTo("0.5");
    assertThatThrownBy(() -> type.parse("1.5", null)).hasMessage("must be a number from 0 to 1");
    assertThatThrownBy(() -> type.parse("NaN", null)).hasMessage("must be a number from 0 to 1");
    assertThatThrownBy(() -> type.parse("often", null)).isInstanceOf(InvalidSettingException.class);
    assertThatThrownBy(() -> type.fromConfig(DEFAULTS, "big"))
        .isInstanceOf(InvalidSettingException.class);
  }

  @Test
  @DisplayName("Text is one line within its length; choices are case-insensitive")
  void textAndChoice() {
    SettingType<String> text = SettingTypes.text(5);
    assertThat(text.parse("  hi  ", null)).isEqualTo("hi");
    assertThat(text.display("a`b")).isEqualTo("`a'b`");
    assertThatThrownBy(() -> text.parse("toolong", null))
        .hasMessage("must be text of 1 to 5 characters on one line");
    assertThatThrownBy(() -> text.parse("a\nb", null)).isInstanceOf(InvalidSettingException.class);

    SettingType<String> choice = SettingTypes.choice("calm", "loud");
    assertThat(choice.parse("LOUD", null)).isEqualTo("loud");
    assertThat(choice.fromConfig(DEFAULTS, "word")).isEqualTo("calm");
    assertThat(choice.suggestions(null)).containsExactly("calm", "loud");
    assertThatThrownBy(() -> choice.parse("quiet", null)).hasMessage("must be one of calm, loud");
  }

  @Test
  @DisplayName("Words (prefixes): a default of one or a list, no spaces, no leading slash")
  void words() {
    SettingType<List<String>> type = SettingTypes.words(3, 4);
    assertThat(type.parse("! ?  !", null)).containsExactly("!", "?");
    assertThat(type.fromConfig(DEFAULTS, "one")).containsExactly("!");
    assertThat(type.fromConfig(DEFAULTS, "many")).containsExactly("!", "?");
    assertThat(type.decode(type.encode(List.of("!", ";;")))).containsExactly("!", ";;");
    assertThat(type.display(List.of("!", "?"))).isEqualTo("`!` `?`");
    for (String bad : List.of("", "/x", "a b c d", "toolong")) {
      assertThatThrownBy(() -> type.parse(bad, null))
          .as(bad)
          .isInstanceOf(InvalidSettingException.class)
          .hasMessageStartingWith("must be 1 to 3 words of 1 to 4 characters");
    }
  }

  @Test
  @DisplayName("Roles and channels: none, ids from config, stored and shown as mentions")
  void ids() {
    SettingType<Optional<Long>> role = SettingTypes.role();
    assertThat(role.parse("none", null)).isEmpty();
    assertThat(role.fromConfig(DEFAULTS, "role")).isEmpty();
    assertThat(role.decode(role.encode(Optional.of(42L)))).contains(42L);
    assertThat(role.display(Optional.of(42L))).isEqualTo("<@&42>");
    assertThat(role.display(Optional.empty())).isEqualTo("none");

    SettingType<List<Long>> channels = SettingTypes.channels(2);
    assertThat(channels.parse("none", null)).isEmpty();
    assertThat(channels.fromConfig(DEFAULTS, "ids")).containsExactly(123456789012345678L);
    assertThat(channels.decode(channels.encode(List.of(1L, 2L)))).containsExactly(1L, 2L);
    assertThat(channels.decode(channels.encode(List.of()))).isEmpty();
    assertThat(channels.display(List.of(1L, 2L))).isEqualTo("<#1> <#2>");
  }

  @Test
  @DisplayName("A setting's name is checked where it is declared")
  void names() {
    assertThat(Setting.of("dj_role", SettingTypes.role(), "x").name()).isEqualTo("dj_role");
    assertThatThrownBy(() -> Setting.of("DJ Role", SettingTypes.role(), "x"))
        .hasMessageContaining("lower-case");
  }
}
