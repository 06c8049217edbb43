package io.hotswap.internal.generation;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotswap.GenerationException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class DetachedFailureTest {

  @Test
  void detach_chainWithCausesAndSuppressed_copiesTypeNamesMessagesAndTraces() {
    IOException root = new IOException("disk");
    IllegalStateException failure = new IllegalStateException("boom", root);
    failure.addSuppressed(new UnsupportedOperationException("also"));

    GenerationException detached = DetachedFailure.of(failure);

    assertThat(detached).hasToString("java.lang.IllegalStateException: boom");
    assertThat(detached.originalClassName()).isEqualTo("java.lang.IllegalStateException");
    assertThat(detached.getStackTrace()).isEqualTo(failure.getStackTrace());
    assertThat(detached.getCause()).hasToString("java.io.IOException: disk");
    assertThat(detached.getCause().getStackTrace()).isEqualTo(root.getStackTrace());
    assertThat(detached.getSuppressed()).hasSize(1);
    assertThat(detached.getSuppressed()[0])
        .hasToString("java.lang.UnsupportedOperationException: also");
  }

  @Test
  void detach_noCause_hasNoCause() {
    GenerationException detached = DetachedFailure.of(new NoClassDefFoundError("x/Y"));

    assertThat(detached.getCause()).isNull();
    assertThat(detached).hasToString("java.lang.NoClassDefFoundError: x/Y");
  }
}
