package io.hotswap.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ParentFirstPolicyTest {

  @Test
  void defaults_sharedLibraries_parentFirst() {
    ParentFirstPolicy policy = ParentFirstPolicy.defaults();

    assertThat(policy.isParentFirst("java.lang.String")).isTrue();
    assertThat(policy.isParentFirst("io.vertx.core.Vertx")).isTrue();
    assertThat(policy.isParentFirst("io.hotswap.api.Reloadable")).isTrue();
    assertThat(policy.isParentFirst("io.hotswap.core.Supervisor")).isFalse();
    assertThat(policy.isParentFirst("com.acme.Foo")).isFalse();
    assertThat(policy.isParentFirst("javaish.Foo")).isFalse();
    assertThat(policy.prefixes()).contains("com.fasterxml.jackson.", "com.sun.", "org.slf4j.");
  }

  @Test
  void withPackages_userPackage_coversPackageAndSubpackagesOnly() {
    ParentFirstPolicy policy =
        ParentFirstPolicy.defaults().withPackages(List.of("com.acme.shared"));

    assertThat(policy.isParentFirst("com.acme.shared.Dto")).isTrue();
    assertThat(policy.isParentFirst("com.acme.shared.deep.Dto$Inner")).isTrue();
    assertThat(policy.isParentFirst("com.acme.sharedx.Dto")).isFalse();
    assertThat(policy.isParentFirst("com.acme.Other")).isFalse();
    assertThat(ParentFirstPolicy.defaults().isParentFirst("com.acme.shared.Dto")).isFalse();
  }

  @Test
  void isParentFirstResource_pathForm_sameRuleAsClasses() {
    ParentFirstPolicy policy =
        ParentFirstPolicy.defaults().withPackages(List.of("com.acme.shared.*"));

    assertThat(policy.isParentFirstResource("com/acme/shared/x.txt")).isTrue();
    assertThat(policy.isParentFirstResource("/io/vertx/core/Vertx.class")).isTrue();
    assertThat(policy.isParentFirstResource("com/acme/x.txt")).isFalse();
    assertThat(policy.isParentFirstResource("META-INF/x.txt")).isFalse();
  }

  @Test
  void withPackages_blankName_throws() {
    assertThatThrownBy(() -> ParentFirstPolicy.defaults().withPackages(List.of(" ")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
