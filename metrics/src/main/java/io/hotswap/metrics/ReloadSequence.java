package io.hotswap.metrics;

import io.hotswap.ReloadRecord;
import java.util.List;

/**
 * Turns the successive reload histories of status reports ({@code recentReloads}, a bounded window,
 * and {@code reloadCount}) into the reloads that ended since the previous report, each exactly
 * once.
 *
 * <p>Design notes: the last record counted is looked for in the new window (records are values,
 * compared with {@code equals}); the records after it are new. When it is no longer there (the
 * first report, or more reloads ended between two reports than the window holds), the reloads older
 * than the window are known only by their number: they are returned as {@link Batch#unseen()}. The
 * core reads the window and the count one after the other, so a count may include a reload its
 * window does not show yet; the next report shows it, and it is then skipped if it was already
 * taken as unseen. So the total always equals {@code reloadCount} once the window shows every
 * reload; only the tags of an unseen reload are lost.
 *
 * <p>Not thread-safe: one caller, one report at a time.
 */
final class ReloadSequence {
  private ReloadRecord last;
  private long counted;

  /** The reloads that ended since the previous call. */
  Batch next(List<ReloadRecord> recent, long reloadCount) {
    int at = last == null ? -1 : recent.lastIndexOf(last);
    List<ReloadRecord> fresh = recent.subList(at + 1, recent.size());
    long unseen = at < 0 ? Math.max(0, reloadCount - counted - fresh.size()) : 0;
    long excess = Math.max(0, counted + unseen + fresh.size() - reloadCount);
    List<ReloadRecord> taken = fresh.subList((int) Math.min(excess, fresh.size()), fresh.size());
    counted += unseen + taken.size();
    if (!recent.isEmpty()) {
      last = recent.get(recent.size() - 1);
    }
    return new Batch(List.copyOf(taken), unseen);
  }

  /** Reloads counted so far, seen or not. */
  long counted() {
    return counted;
  }

  /**
   * What one report added.
   *
   * @param records the reloads that ended, oldest first
   * @param unseen reloads that ended outside the window: known by number only
   */
  record Batch(List<ReloadRecord> records, long unseen) {}
}
