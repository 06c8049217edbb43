package io.hotswap.cluster.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {
  private static final byte[] KEY = "sixteen+ byte key for tests".getBytes(StandardCharsets.UTF_8);
  private static final Clock NOW =
      Clock.fixed(Instant.parse("2026-11-25T08:00:00Z"), ZoneOffset.UTC);

  private final Authenticator sender = new Authenticator(KEY, "group", NOW);
  private final Authenticator receiver = new Authenticator(KEY, "group", NOW);

  @Test
  void open_signedMessageForThisNode_returnsHeaderAndPayload() {
    Authenticator.Signed signed =
        sender.sign(new Envelope(sender.header("stage", "a", "b"), Buffer.buffer("bytes")));

    Envelope opened = receiver.open(signed.bytes(), mac(signed), "b");

    assertThat(opened.op()).isEqualTo("stage");
    assertThat(opened.payload().toString()).isEqualTo("bytes");
  }

  @Test
  void open_anotherKey_isRefusedAsNotAuthenticated() {
    Authenticator other =
        new Authenticator(
            "another key of 16+ bytes".getBytes(StandardCharsets.UTF_8), "group", NOW);
    Authenticator.Signed signed = other.sign(new Envelope(other.header("activate", "a", "b")));

    assertThatThrownBy(() -> receiver.open(signed.bytes(), mac(signed), "b"))
        .isInstanceOf(CommandRefusedException.class)
        .hasMessageContaining("HMAC mismatch");
  }

  @Test
  void open_tamperedPayload_isRefused() {
    Authenticator.Signed signed =
        sender.sign(new Envelope(sender.header("blobs", "a", "b"), Buffer.buffer("class bytes")));
    Buffer tampered = signed.bytes().copy();
    tampered.setByte(tampered.length() - 1, (byte) 'X');

    assertThatThrownBy(() -> receiver.open(tampered, mac(signed), "b"))
        .isInstanceOf(CommandRefusedException.class)
        .hasMessageContaining("HMAC mismatch");
  }

  @Test
  void open_sameMessageTwice_secondIsRefusedAsReplay() {
    Authenticator.Signed signed = sender.sign(new Envelope(sender.header("activate", "a", "b")));
    receiver.open(signed.bytes(), mac(signed), "b");

    assertThatThrownBy(() -> receiver.open(signed.bytes(), mac(signed), "b"))
        .isInstanceOf(CommandRefusedException.class)
        .hasMessageContaining("replayed");
  }

  @Test
  void open_messageForAnotherNodeOrGroup_isRefused() {
    Authenticator.Signed toC = sender.sign(new Envelope(sender.header("activate", "a", "c")));
    Authenticator otherGroup = new Authenticator(KEY, "elsewhere", NOW);
    Authenticator.Signed fromElsewhere =
        otherGroup.sign(new Envelope(otherGroup.header("activate", "a", "b")));

    assertThatThrownBy(() -> receiver.open(toC.bytes(), mac(toC), "b"))
        .hasMessageContaining("another node");
    assertThatThrownBy(() -> receiver.open(fromElsewhere.bytes(), mac(fromElsewhere), "b"))
        .hasMessageContaining("roll group");
  }

  @Test
  void open_staleTimestamp_isRefused() {
    Clock past = Clock.offset(NOW, Authenticator.MAX_SKEW.plus(Duration.ofSeconds(1)).negated());
    Authenticator late = new Authenticator(KEY, "group", past);
    Authenticator.Signed signed = late.sign(new Envelope(late.header("activate", "a", "b")));

    assertThatThrownBy(() -> receiver.open(signed.bytes(), mac(signed), "b"))
        .hasMessageContaining("timestamp");
  }

  @Test
  void open_noMacOrGarbage_isRefusedWithoutDecoding() {
    assertThatThrownBy(() -> receiver.open(Buffer.buffer("junk"), null, "b"))
        .isInstanceOf(CommandRefusedException.class);
    assertThatThrownBy(() -> receiver.open(Buffer.buffer("junk"), "00", "b"))
        .isInstanceOf(CommandRefusedException.class);
  }

  private static String mac(Authenticator.Signed signed) {
    return signed.options().getHeaders().get(Authenticator.MAC_HEADER);
  }
}
