package io.hotswap.internal.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A lane's ledger counts every exchange from add to done in any order; a drain callback runs once
 * when the last one ends; the drain timeout's cancel reaches exactly the open exchanges, once each,
 * however many came and went around them.
 */
class LaneLedgerTest {
  private final EventLoop lane = new DefaultEventLoop();
  private final LaneLedger ledger = new LaneLedger(new RequestTiming());

  @AfterEach
  void stop() {
    lane.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @Test
  void done_inAnyOrder_countsDownAndDrainsOnce() throws Exception {
    onLane(
        () -> {
          List<CountedExchange> open = add(273);
          AtomicInteger drained = new AtomicInteger();
          ledger.whenDrained(drained::incrementAndGet);
          Collections.shuffle(open, new Random(19));
          for (int i = 0; i < open.size(); i++) {
            assertThat(ledger.count()).isEqualTo(open.size() - i);
            assertThat(drained.get()).isZero();
            open.get(i).done();
          }
          assertThat(ledger.count()).isZero();
          assertThat(drained.get()).isEqualTo(1);
          assertThat(ledger.served()).isEqualTo(273);
          return null;
        });
  }

  @Test
  void cancelAll_cancelsExactlyTheOpenExchangesOnce() throws Exception {
    onLane(
        () -> {
          List<CountedExchange> all = add(320);
          int stillOpen = 0;
          for (int i = 0; i < all.size(); i++) {
            if (i % 7 == 0) {
              stillOpen++;
            } else {
              all.get(i).done();
            }
          }
          assertThat(ledger.count()).isEqualTo(stillOpen);

          assertThat(ledger.cancelAll()).isEqualTo(stillOpen);

          for (int i = 0; i < all.size(); i++) {
            assertThat(all.get(i).cancelled).as("exchange %d", i).isEqualTo(i % 7 == 0 ? 1 : 0);
            assertThat(all.get(i).isOpen()).isFalse();
          }
          assertThat(ledger.count()).isZero();
          all.get(0).done();
          assertThat(ledger.count()).isZero();
          return null;
        });
  }

  @Test
  void aLongLivedExchange_staysCountedWhileOthersComeAndGo_andIsCancelled() throws Exception {
    onLane(
        () -> {
          CountedExchange webSocket = add(1).get(0);
          for (int i = 0; i < 3_000; i++) {
            add(1).get(0).done();
          }
          assertThat(ledger.count()).isEqualTo(1);

          assertThat(ledger.cancelAll()).isEqualTo(1);

          assertThat(webSocket.cancelled).isEqualTo(1);
          assertThat(ledger.count()).isZero();
          return null;
        });
  }

  @Test
  void afterCancelAll_theLedgerCountsNewExchanges() throws Exception {
    onLane(
        () -> {
          add(67);
          ledger.cancelAll();
          List<CountedExchange> next = add(65);
          assertThat(ledger.count()).isEqualTo(65);
          next.forEach(CountedExchange::done);
          assertThat(ledger.count()).isZero();
          return null;
        });
  }

  private List<CountedExchange> add(int n) {
    List<CountedExchange> added = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      CountedExchange exchange = new CountedExchange(lane);
      ledger.add(exchange);
      added.add(exchange);
    }
    return added;
  }

  private void onLane(Callable<Void> body) throws Exception {
    lane.submit(body).get(30, TimeUnit.SECONDS);
  }

  /** An exchange that counts the host's cancels. */
  private static final class CountedExchange extends Exchange {
    int cancelled;

    CountedExchange(EventLoop lane) {
      super(lane);
    }

    @Override
    boolean cancel() {
      cancelled++;
      return true;
    }
  }
}
