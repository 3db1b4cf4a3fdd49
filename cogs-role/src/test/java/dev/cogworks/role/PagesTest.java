package dev.cogworks.role;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Pages: within 2,000 characters, numbered, no line split")
class PagesTest {
  @Test
  @DisplayName("Lines that exactly fill a page start the next page with the one that does not fit")
  void boundary() {
    // header "**T** — page 1/2" is 16 characters, plus the newline: 1,983 left for lines
    String line = "x".repeat(99);
    List<String> lines = new ArrayList<>(IntStream.range(0, 20).mapToObj(i -> line).toList());
    List<String> pages = Pages.of("T", lines);
    assertThat(pages).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(2000));
    assertThat(pages).hasSize(2);
    assertThat(pages.get(0)).startsWith("**T** — page 1/2\n");
    assertThat(pages.get(1)).startsWith("**T** — page 2/2\n");
    int total = pages.stream().mapToInt(p -> p.split("\n").length - 1).sum();
    assertThat(total).isEqualTo(20);
  }

  @Test
  @DisplayName("A single page is numbered 1/1; no lines say (none); an overlong line is cut")
  void small() {
    assertThat(Pages.of("T", List.of("a", "b"))).containsExactly("**T** — page 1/1\na\nb");
    assertThat(Pages.of("T", List.of())).containsExactly("**T**\n(none)");
    assertThat(Pages.of("T", List.of("y".repeat(5000))).get(0))
        .hasSizeLessThanOrEqualTo(2000)
        .endsWith("…");
  }
}
