package dev.cogworks.core.internal.messaging;

import static org.assertj.core.api.Assertions.assertThat;

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
}
