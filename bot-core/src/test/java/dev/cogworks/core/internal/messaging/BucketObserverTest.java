package dev.cogworks.core.internal.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import net.dv8tion.jda.api.requests.Route;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("BucketObserver reads Discord's reset header")
class BucketObserverTest {
  @Test
  @DisplayName("Reset-After in milliseconds is never short of what Discord said (rounded up)")
  void resetAfterRoundsUp() {
    // Through a double, 1.001 s * 1000 truncated to 1000 ms (as do 2.002, 4.004 and hundreds of
    // others under 10 s): the bucket looked refilled 1 ms early.
    assertThat((long) (Double.parseDouble("1.001") * 1000)).isEqualTo(1000);
    assertThat(BucketObserver.resetAfterMillis("1.001")).isEqualTo(1001);
    assertThat(BucketObserver.resetAfterMillis("4.004")).isEqualTo(4004);
    assertThat(BucketObserver.resetAfterMillis("4.999")).isEqualTo(4999);
    assertThat(BucketObserver.resetAfterMillis("0.001")).isEqualTo(1);
    assertThat(BucketObserver.resetAfterMillis("1")).isEqualTo(1000);
    assertThat(BucketObserver.resetAfterMillis("0.0005")).isEqualTo(1);
    assertThat(BucketObserver.resetAfterMillis(" 60.25 ")).isEqualTo(60_250);
  }

  @Test
  @DisplayName(
      "A request's answer is unread from its send until its headers are read; others are not held")
  void answerRead() {
    BucketObserver observer = new BucketObserver();
    Route.CompiledRoute send = Route.Messages.SEND_MESSAGE.compile("123");
    String name = "POST " + Route.Messages.SEND_MESSAGE.getRoute();
    assertThat(observer.read(name, 123)).isDone();

    observer.sending(send);
    var read = observer.read(name, 123);
    assertThat(read).isNotDone();
    assertThat(observer.read(name, 456)).isDone();
    assertThat(observer.read("PATCH " + Route.Messages.EDIT_MESSAGE.getRoute(), 123)).isDone();

    observer.read(send);
    assertThat(read).isDone();
    assertThat(observer.read(name, 123)).isDone();
  }
}
