package dev.fulcrum.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Makes a Netty buffer leak fail the build. {@link Installer} puts a recording leak detector in place before any
 * buffer class loads (surefire runs with {@code -Dio.netty.leakDetection.level=paranoid}); {@link Check}, a
 * global JUnit extension, collects garbage after each test class, provokes detection and fails the class when
 * any leak was reported.
 */
public final class LeakDetection {

    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();

    private LeakDetection() {
    }

    /** Installs the recording detector at the start of the test session. */
    public static final class Installer implements LauncherSessionListener {
        @Override
        public void launcherSessionOpened(LauncherSession session) {
            ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new RecordingFactory());
        }
    }

    /** Fails a test class that leaked. */
    public static final class Check implements AfterAllCallback {
        @Override
        public void afterAll(ExtensionContext context) {
            List<String> found = collect();
            if (!found.isEmpty()) {
                throw new AssertionError(found.size() + " Netty buffer leak(s) detected after "
                        + context.getDisplayName() + ":\n" + String.join("\n----\n", found));
            }
        }
    }

    /** Runs collections and allocations until leaked buffers are reported; returns (and clears) the reports. */
    public static List<String> collect() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            System.runFinalization();
            for (int j = 0; j < 64; j++) {
                // Detection runs when a tracked buffer is allocated; allocate from both allocators.
                ByteBuf a = PooledByteBufAllocator.DEFAULT.directBuffer(16);
                ByteBuf b = UnpooledByteBufAllocator.DEFAULT.heapBuffer(16);
                a.release();
                b.release();
            }
        }
        List<String> found = new ArrayList<>(LEAKS);
        LEAKS.clear();
        return found;
    }

    private static final class RecordingFactory extends ResourceLeakDetectorFactory {
        @Override
        @SuppressWarnings("deprecation") // the factory's abstract method; Netty still calls it
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval,
                long maxActive) {
            return new ResourceLeakDetector<T>(resource, samplingInterval) {
                @Override
                protected void reportTracedLeak(String resourceType, String records) {
                    LEAKS.add(resourceType + records);
                    super.reportTracedLeak(resourceType, records);
                }

                @Override
                protected void reportUntracedLeak(String resourceType) {
                    LEAKS.add(resourceType + " (untraced)");
                    super.reportUntracedLeak(resourceType);
                }
            };
        }

        @Override
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval) {
            return newResourceLeakDetector(resource, samplingInterval, Long.MAX_VALUE);
        }
    }
}
