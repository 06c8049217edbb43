package io.hotswap.internal.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.spi.context.storage.AccessMode;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The generation's duplicate context gets the locals of the host context a request arrived on — the
 * same objects, as one context would hold them — and nothing when the host context has none; the
 * instance's own context is never written.
 */
class ContextLocalsTest {
  private final Vertx vertx = Vertx.vertx();
  private final ContextLocals locals = new ContextLocals(vertx);
  private final ContextInternal instance = ((VertxInternal) vertx).createEventLoopContext();
  private final ContextInternal received =
      ((VertxInternal) vertx).createEventLoopContext().duplicate();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void duplicate_receivedContextHoldsALocal_generationDuplicateSharesIt() {
    ConcurrentMap<Object, Object> data =
        received.getLocal(ContextInternal.LOCAL_MAP, AccessMode.CONCURRENT, ConcurrentHashMap::new);
    data.put("request-id", "r-1");

    ContextInternal duplicate = locals.duplicate(instance, received);

    assertThat(duplicate.getLocal(ContextInternal.LOCAL_MAP, AccessMode.CONCURRENT)).isSameAs(data);
    assertThat(duplicate.isDuplicate()).isTrue();
    assertThat(duplicate.unwrap()).isSameAs(instance);
    assertThat(instance.getLocal(ContextInternal.LOCAL_MAP, AccessMode.CONCURRENT)).isNull();
  }

  @Test
  void duplicate_receivedContextHoldsNoLocal_generationDuplicateHoldsNone() {
    ContextInternal duplicate = locals.duplicate(instance, received);

    assertThat(duplicate.getLocal(ContextInternal.LOCAL_MAP, AccessMode.CONCURRENT)).isNull();
  }

  @Test
  void duplicate_noReceivedContext_aFreshDuplicate() {
    ContextInternal duplicate = locals.duplicate(instance, null);

    assertThat(duplicate.isDuplicate()).isTrue();
    assertThat(duplicate.getLocal(ContextInternal.LOCAL_MAP, AccessMode.CONCURRENT)).isNull();
  }
}
