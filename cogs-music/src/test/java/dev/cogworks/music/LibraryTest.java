package dev.cogworks.music;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The local library: found by name, locked to its folder")
class LibraryTest {
  @TempDir Path dir;

  @Test
  @DisplayName("'rain' finds 'Rain on Glass.wav'; every word must match; exact paths win")
  void search() throws Exception {
    Path media = dir.resolve("media");
    Clips.tone(media.resolve("Rain on Glass.wav"), 440, 50, 0.3);
    Clips.tone(media.resolve("ambient/Rain Forest.wav"), 440, 50, 0.3);
    Files.writeString(media.resolve("notes.txt"), "not audio");
    Library library = new Library(media);
    assertThat(library.names()).containsExactly("ambient/Rain Forest.wav", "Rain on Glass.wav");
    assertThat(library.search("rain"))
        .containsExactly("Rain on Glass.wav", "ambient/Rain Forest.wav");
    assertThat(library.search("RAIN glass")).containsExactly("Rain on Glass.wav");
    assertThat(library.search("notes")).isEmpty();
    assertThat(library.search("ambient/rain forest.wav"))
        .containsExactly("ambient/Rain Forest.wav");
  }

  @Test
  @DisplayName("'..', absolute paths and symlinks out are refused; a symlink inside is fine")
  void locked() throws Exception {
    Path media = dir.resolve("media");
    Path secret = Clips.tone(dir.resolve("secret.wav"), 440, 50, 0.3);
    Clips.tone(media.resolve("ok.wav"), 440, 50, 0.3);
    Files.createSymbolicLink(media.resolve("escape.wav"), secret);
    Files.createSymbolicLink(media.resolve("alias.wav"), media.resolve("ok.wav"));
    Library library = new Library(media);
    assertThat(library.resolve("../secret.wav")).isEmpty();
    assertThat(library.resolve("sub/../../secret.wav")).isEmpty();
    assertThat(library.resolve(secret.toString())).isEmpty();
    assertThat(library.resolve("escape.wav")).isEmpty();
    assertThat(library.names()).doesNotContain("escape.wav").contains("alias.wav", "ok.wav");
    assertThat(library.resolve("alias.wav")).isPresent();
  }

  @Test
  @DisplayName("M3U and PLS entries in order; times read and written as people do")
  void playlistFilesAndTimes() {
    assertThat(PlaylistFiles.entries("#EXTM3U\n#EXTINF:1,A\na.wav\n\nhttp://x/b.mp3\n"))
        .containsExactly("a.wav", "http://x/b.mp3");
    assertThat(
            PlaylistFiles.entries(
                "[playlist]\nFile2=b.wav\nTitle1=A\nFile1=a.wav\nNumberOfEntries=2"))
        .containsExactly("a.wav", "b.wav");
    assertThat(Times.parse("1:05")).hasValue(65_000);
    assertThat(Times.parse("1:02:03")).hasValue(3_723_000);
    assertThat(Times.parse("90")).hasValue(90_000);
    assertThat(Times.parse("1m30s")).hasValue(90_000);
    assertThat(Times.parse("soon")).isEmpty();
    assertThat(Times.format(3_723_000)).isEqualTo("1:02:03");
    assertThat(Times.bar(30_000, 60_000)).endsWith("0:30 / 1:00");
  }
}
