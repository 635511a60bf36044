package realtime.testkit;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Sets the waits every module's tests share: poll often, so a passing test is fast, and give up
 * after ten seconds, so a missing event fails the test instead of hanging the run. Registered for
 * every module through JUnit's extension auto-detection.
 */
public final class AwaitilityDefaults implements BeforeAllCallback {

    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    public static final Duration POLL_INTERVAL = Duration.ofMillis(10);

    @Override
    public void beforeAll(ExtensionContext context) {
        Awaitility.setDefaultTimeout(TIMEOUT);
        Awaitility.setDefaultPollInterval(POLL_INTERVAL);
        Awaitility.setDefaultPollDelay(Duration.ZERO);
    }
}
